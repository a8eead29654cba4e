import { useSignalEffect } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { addSegmentOnLane, deleteSegment } from '../editing/edit-actions.js';
import { selectSegment, selectedSegment } from '../editing/edit-preferences.js';
import { PropCanvas } from '../preview/PropCanvas.js';
import { isOperator, show } from '../state/live-state.js';
import { notify } from '../state/notices.js';
import { seekTo } from '../transport/seek.js';
import { Icon } from '../ui/icons.js';
import { Lane } from './Lane.js';
import { PlayheadLine } from './PlayheadLine.js';
import { paintHeader, paintLaneBackdrop } from './timeline-painters.js';
import { attachGestures } from './touch-gestures.js';
import {
  followPlayhead,
  panBy,
  pixelsPerSecond,
  setShowDuration,
  viewStart,
  viewWidth,
  xToTime,
  zoomAround,
  zoomToFit,
} from './timeline-view.js';
import { waveform } from './waveform-data.js';

/** Lanes never grow past this, so a two-prop show does not look like a bar chart. */
const MAX_LANE_HEIGHT = 104;

export function Timeline() {
  const current = show.value;
  const surface = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLCanvasElement>(null);
  const backdrop = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (current) setShowDuration(current.duration);
  }, [current?.duration]);

  // The lane area's width is the view's width; a rotation or a split screen changes it.
  useEffect(() => {
    const element = surface.current;
    if (!element) return undefined;
    const observer = new ResizeObserver(() => {
      viewWidth.value = element.clientWidth;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // With few props the lanes grow to fill the height (bigger targets); with many they scroll.
  const propCount = current?.props.length ?? 0;
  useEffect(() => {
    const element = scroller.current;
    if (!element) return undefined;
    const fit = () => {
      const base = parseFloat(getComputedStyle(element).getPropertyValue('--lane-height')) || 56;
      const fill = propCount > 0 ? Math.floor(element.clientHeight / propCount) : base;
      element.style.setProperty('--lane-fill', `${Math.min(Math.max(fill, base), MAX_LANE_HEIGHT)}px`);
    };
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    fit();
    return () => observer.disconnect();
  }, [propCount]);

  useEffect(() => {
    const element = surface.current;
    if (!element) return undefined;
    return attachGestures(element, {
      tap(target, x) {
        const segment = target.closest<HTMLElement>('[data-segment-id]');
        const lane = target.closest<HTMLElement>('[data-lane]');
        if (!lane) return;
        const propId = lane.dataset['lane'] as string;
        if (segment) {
          const segmentId = segment.dataset['segmentId'] as string;
          const already = selectedSegment.value?.segmentId === segmentId;
          const look = show.value?.props
            .find((prop) => prop.id === propId)
            ?.segments.find((item) => item.id === segmentId)?.look;
          selectSegment(already ? null : { propId, segmentId }, look);
          return;
        }
        if (selectedSegment.value) {
          selectedSegment.value = null;
          return;
        }
        if (!isOperator.value) return notify('info', 'this controller is a viewer: it cannot edit');
        void addSegmentOnLane(propId, xToTime(x));
      },
      longPress(target) {
        const segment = target.closest<HTMLElement>('[data-segment-id]');
        const lane = target.closest<HTMLElement>('[data-lane]');
        if (!segment || !lane || !isOperator.value) return;
        navigator.vibrate?.(20);
        void deleteSegment(lane.dataset['lane'] as string, segment.dataset['segmentId'] as string);
      },
      pressStart(target) {
        target.closest('[data-segment-id]')?.classList.add('is-pressing');
      },
      pressEnd() {
        element.querySelectorAll('.is-pressing').forEach((node) => node.classList.remove('is-pressing'));
      },
      pan(dx, dy) {
        if (dx !== 0) {
          followPlayhead.value = false;
          panBy(dx);
        }
        if (scroller.current) scroller.current.scrollTop -= dy;
      },
      pinch(anchorX, factor, dx) {
        followPlayhead.value = false;
        zoomAround(anchorX, factor);
        panBy(dx);
      },
    });
  }, []);

  // Desktop: wheel scrolls, ctrl/⌘ + wheel (and trackpad pinch) zooms.
  useEffect(() => {
    const element = surface.current;
    if (!element) return undefined;
    const wheel = (event: WheelEvent) => {
      const x = event.clientX - element.getBoundingClientRect().left;
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        followPlayhead.value = false;
        zoomAround(x, Math.exp(-event.deltaY / 300));
      } else if (Math.abs(event.deltaX) > Math.abs(event.deltaY) || event.shiftKey) {
        event.preventDefault();
        followPlayhead.value = false;
        panBy(-(event.deltaX || event.deltaY));
      }
    };
    element.addEventListener('wheel', wheel, { passive: false });
    return () => element.removeEventListener('wheel', wheel);
  }, []);

  useSignalEffect(() => {
    const showNow = show.value;
    const view = { start: viewStart.value, pixelsPerSecond: pixelsPerSecond.value };
    void viewWidth.value;
    if (!showNow) return;
    if (header.current)
      paintHeader(header.current, view, showNow.duration, showNow.sections, showNow.beatGrid, waveform.value);
    if (backdrop.current)
      paintLaneBackdrop(backdrop.current, view, showNow.duration, showNow.beatGrid, showNow.sections);
  });

  // The ruler seeks: tap or drag along it.
  const seekFromRuler = (event: PointerEvent) => {
    if (!isOperator.value || (event.type === 'pointermove' && event.buttons === 0)) return;
    const canvas = event.currentTarget as HTMLElement;
    if (event.type === 'pointerdown') canvas.setPointerCapture(event.pointerId);
    const time = Math.min(
      Math.max(xToTime(event.clientX - canvas.getBoundingClientRect().left), 0),
      current?.duration ?? 0,
    );
    void seekTo(Math.round(time * 1000) / 1000);
  };

  const props = current?.props ?? [];
  return (
    <section class="timeline" data-region="timeline">
      <div class="timeline-tools">
        <button class="tool" aria-label="Zoom out" onClick={() => zoomAround(viewWidth.value / 2, 1 / 1.6)}>
          <Icon name="zoomOut" size={20} />
        </button>
        <button class="tool" aria-label="Show the whole song" onClick={zoomToFit}>
          <Icon name="fit" size={20} />
        </button>
        <button class="tool" aria-label="Zoom in" onClick={() => zoomAround(viewWidth.value / 2, 1.6)}>
          <Icon name="zoomIn" size={20} />
        </button>
        <button
          class={`tool ${followPlayhead.value ? 'is-active' : ''}`}
          aria-label="Follow the playhead"
          aria-pressed={followPlayhead.value}
          data-testid="follow"
          onClick={() => (followPlayhead.value = !followPlayhead.value)}
        >
          <Icon name="follow" size={20} />
        </button>
      </div>
      <div
        class="timeline-header"
        onPointerDown={seekFromRuler}
        onPointerMove={seekFromRuler}
        data-testid="ruler"
      >
        <canvas ref={header} class="timeline-header-canvas" />
        <PlayheadLine />
      </div>
      <div class="timeline-lanes" ref={scroller}>
        <div class="lane-headers">
          {props.map((prop) => (
            <div class="lane-header" key={prop.id} title={prop.name}>
              <PropCanvas propId={prop.id} style="swatch" class="lane-swatch" />
              <span class="lane-text">
                <span class="lane-name">{prop.name}</span>
                <span class="lane-meta">
                  {prop.pixelCount} px · {prop.link.kind}
                </span>
              </span>
            </div>
          ))}
        </div>
        <div class="lane-tracks" ref={surface} data-lane-surface data-testid="lanes">
          <canvas ref={backdrop} class="lane-backdrop" />
          {props.map((prop) => (
            <Lane key={prop.id} prop={prop} />
          ))}
          <PlayheadLine testId="playhead" />
        </div>
      </div>
    </section>
  );
}
