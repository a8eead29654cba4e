import { rgbEquals, rgbToHex, type Rgb } from '../../../show/index.js';
import { isOperator, show } from '../state/live-state.js';
import { formatShowTime } from '../ui/format.js';
import { Icon } from '../ui/icons.js';
import { applyChosenLookToSelection, deleteSegment } from './edit-actions.js';
import {
  chosenColor,
  chosenFadeTo,
  chosenLook,
  lengthInBeats,
  LENGTH_CHOICES_IN_BEATS,
  LOOK_CHOICES,
  PALETTE,
  placement,
  selectedSegment,
} from './edit-preferences.js';
import { LOOK_LABELS } from './look-builder.js';

function Swatches({
  value,
  onPick,
  testPrefix,
}: {
  value: Rgb;
  onPick: (rgb: Rgb) => void;
  testPrefix: string;
}) {
  return (
    <div class="swatches" role="radiogroup">
      {PALETTE.map((entry) => (
        <button
          key={entry.name}
          class={`swatch ${rgbEquals(value, entry.rgb) ? 'is-active' : ''}`}
          style={{ background: rgbToHex(entry.rgb) }}
          role="radio"
          aria-checked={rgbEquals(value, entry.rgb)}
          aria-label={entry.name}
          data-testid={`${testPrefix}-${entry.name}`}
          onClick={() => onPick(entry.rgb)}
        />
      ))}
    </div>
  );
}

/** What a tap on a lane adds, and the selected segment's look, delete and times. */
export function EditPanel() {
  const selected = selectedSegment.value;
  const segment = selected
    ? show.value?.props
        .find((prop) => prop.id === selected.propId)
        ?.segments.find((item) => item.id === selected.segmentId)
    : undefined;
  const operator = isOperator.value;
  // The pickers change the selected segment at once; with nothing selected they set what a tap adds.
  const pick = (change: () => void) => {
    change();
    if (segment) void applyChosenLookToSelection();
  };
  return (
    <div class="panel-body edit-panel">
      {segment && selected && (
        <div class="selection" data-testid="selection">
          <div class="selection-text">
            <strong>{segment.look.kind}</strong> on{' '}
            {show.value?.props.find((prop) => prop.id === selected.propId)?.name}
            <span class="muted">
              {' '}
              {formatShowTime(segment.start)}–{formatShowTime(segment.end)}
            </span>
          </div>
          <button
            class="control control-danger"
            aria-label="Delete segment"
            data-testid="delete-segment"
            disabled={!operator}
            onClick={() => void deleteSegment(selected.propId, selected.segmentId)}
          >
            <Icon name="trash" />
          </button>
        </div>
      )}
      <h3>Colour</h3>
      <Swatches
        value={chosenColor.value}
        onPick={(rgb) => pick(() => (chosenColor.value = rgb))}
        testPrefix="color"
      />
      <h3>Look</h3>
      <div class="chips" role="radiogroup">
        {LOOK_CHOICES.map((choice) => (
          <button
            key={choice}
            class={`chip ${chosenLook.value === choice ? 'is-active' : ''}`}
            role="radio"
            aria-checked={chosenLook.value === choice}
            data-testid={`look-${choice}`}
            onClick={() => pick(() => (chosenLook.value = choice))}
          >
            {LOOK_LABELS[choice]}
          </button>
        ))}
      </div>
      {chosenLook.value === 'fade' && (
        <>
          <h3>Fade to</h3>
          <Swatches
            value={chosenFadeTo.value}
            onPick={(rgb) => pick(() => (chosenFadeTo.value = rgb))}
            testPrefix="fade-to"
          />
        </>
      )}
      {!segment && (
        <>
          <h3>A tap on a lane starts</h3>
          <div class="chips" role="radiogroup">
            <button
              class={`chip ${placement.value === 'beat' ? 'is-active' : ''}`}
              role="radio"
              aria-checked={placement.value === 'beat'}
              data-testid="place-beat"
              onClick={() => (placement.value = 'beat')}
            >
              On the beat
            </button>
            <button
              class={`chip ${placement.value === 'playhead' ? 'is-active' : ''}`}
              role="radio"
              aria-checked={placement.value === 'playhead'}
              data-testid="place-playhead"
              onClick={() => (placement.value = 'playhead')}
            >
              Exactly there
            </button>
          </div>
          <div class="chips" role="radiogroup" aria-label="Length">
            {LENGTH_CHOICES_IN_BEATS.map((beats) => (
              <button
                key={beats}
                class={`chip chip-small ${lengthInBeats.value === beats ? 'is-active' : ''}`}
                role="radio"
                aria-checked={lengthInBeats.value === beats}
                onClick={() => (lengthInBeats.value = beats)}
              >
                {beats} {beats === 1 ? 'beat' : 'beats'}
              </button>
            ))}
          </div>
          <p class="hint">
            Paused: tap a lane where the segment should go. Playing: a tap drops it at the playhead. Tap a
            segment to select it and drag its edges; hold it to delete.
          </p>
        </>
      )}
    </div>
  );
}
