import { useEffect, useRef } from 'preact/hooks';
import { registerPreview, type PreviewStyle } from './preview-painter.js';

/** A canvas the preview painter keeps showing one prop's live pixels. */
export function PropCanvas({
  propId,
  style,
  class: className,
}: {
  propId: string;
  style: PreviewStyle;
  class?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return undefined;
    return registerPreview(propId, canvas.current, style);
  }, [propId, style]);
  return <canvas ref={canvas} class={className} data-preview={style} data-preview-prop={propId} />;
}
