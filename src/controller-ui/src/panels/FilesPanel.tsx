import { signal } from '@preact/signals';
import {
  IMPORT_AUDIO_EXTENSIONS,
  IMPORT_FILENAME_PARAM,
  IMPORT_ROUTE,
  IMPORT_SHOW_EXTENSIONS,
  propProgramRoute,
  propUploadRoute,
  type FileRouteAnswer,
} from '../../../contracts/file-routes.js';
import { callFileRoute, daemonUrl, download } from '../session/daemon-http.js';
import { isOperator, show } from '../state/live-state.js';
import { notify } from '../state/notices.js';

const busy = signal<string | null>(null);

async function run(label: string, action: () => Promise<FileRouteAnswer>): Promise<void> {
  busy.value = label;
  try {
    const answer = await action();
    if (answer.ok) notify('info', answer.message);
    else notify('error', answer.error.message);
  } finally {
    busy.value = null;
  }
}

function importFile(file: File): Promise<void> {
  const url = daemonUrl(IMPORT_ROUTE);
  url.searchParams.set(IMPORT_FILENAME_PARAM, file.name);
  return run(`Importing ${file.name}…`, () =>
    callFileRoute(url, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: file,
    }),
  );
}

function FilePicker({ label, accept, testId }: { label: string; accept: readonly string[]; testId: string }) {
  return (
    <label class={`chip file-picker ${!isOperator.value ? 'is-disabled' : ''}`}>
      {label}
      <input
        type="file"
        accept={accept.join(',')}
        data-testid={testId}
        disabled={!isOperator.value}
        onChange={(event) => {
          const input = event.currentTarget as HTMLInputElement;
          const file = input.files?.[0];
          input.value = '';
          if (file) void importFile(file);
        }}
      />
    </label>
  );
}

/** Import a show or a song; export each prop's .prg, or upload it to its LTX ball. */
export function FilesPanel() {
  const props = show.value?.props ?? [];
  const operator = isOperator.value;
  return (
    <div class="panel-body files-panel">
      <h3>Import</h3>
      <div class="chips">
        <FilePicker
          label="Show (.smproj, .prg.json, .prg)"
          accept={IMPORT_SHOW_EXTENSIONS}
          testId="import-show"
        />
        <FilePicker
          label="Song (audio file; load it paused)"
          accept={IMPORT_AUDIO_EXTENSIONS}
          testId="import-audio"
        />
      </div>
      {busy.value && <p class="muted">{busy.value}</p>}
      <h3>Props</h3>
      <ul class="prop-files">
        {props.map((prop) => (
          <li key={prop.id}>
            <span class="prop-file-name">{prop.name}</span>
            <button
              class="chip chip-small"
              onClick={() =>
                void run(`Exporting ${prop.name}…`, () =>
                  download(daemonUrl(propProgramRoute(prop.id)), `${prop.id}.prg`),
                )
              }
            >
              Export .prg
            </button>
            {prop.link.kind === 'ltx' && (
              <button
                class="chip chip-small"
                disabled={!operator}
                onClick={() =>
                  void run(`Uploading to ${prop.name}…`, () =>
                    callFileRoute(daemonUrl(propUploadRoute(prop.id)), { method: 'POST' }),
                  )
                }
              >
                Upload to ball
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
