// Sends a recording to the daemon and reads its NDJSON answer line by line: the words as soon as they are
// known, then the outcome.
import {
  VOICE_DECISION_ROUTE,
  VOICE_ROUTE,
  VoiceStatusSchema,
  type VoiceStatusLine,
} from '../../../contracts/voice.js';
import { daemonUrl } from '../session/daemon-http.js';
import { storedToken } from '../session/session-token.js';

function headers(contentType: string): Headers {
  const result = new Headers({ 'content-type': contentType });
  const token = storedToken();
  if (token) result.set('authorization', `Bearer ${token}`);
  return result;
}

export async function sendRecording(
  wav: Uint8Array<ArrayBuffer>,
  onStatus: (status: VoiceStatusLine) => void,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(daemonUrl(VOICE_ROUTE), {
      method: 'POST',
      headers: headers('audio/wav'),
      body: wav,
    });
  } catch {
    throw new Error('the daemon did not answer');
  }
  if (!response.body) throw new Error(`the daemon answered ${response.status} with nothing`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  let seen = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      const parsed = VoiceStatusSchema.safeParse(JSON.parse(line) as unknown);
      if (parsed.success) {
        seen++;
        onStatus(parsed.data);
      } else if (seen === 0) {
        throw new Error(`the daemon answered ${response.status}: ${line.slice(0, 160)}`);
      }
    }
    if (done) break;
  }
  if (seen === 0) throw new Error(`the daemon answered ${response.status} without a result`);
}

export async function decideRecording(requestId: number, send: boolean): Promise<void> {
  await fetch(daemonUrl(VOICE_DECISION_ROUTE), {
    method: 'POST',
    headers: headers('application/json'),
    body: JSON.stringify({ requestId, send }),
  });
}
