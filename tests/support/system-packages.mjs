#!/usr/bin/env node
// Pretest: the tests drive real programs (socat, avr-gcc, simavr, chromium, sox, …). When one is missing
// and we are root with apt reachable, install it; otherwise stop with the names to install. Never skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** What the tests need: a file that proves it is installed, and the Debian package that brings it. */
export const requiredSystemPackages = [
  { probe: '/usr/bin/socat', pkg: 'socat' },
  { probe: '/usr/bin/avr-gcc', pkg: 'gcc-avr' },
  { probe: '/usr/lib/avr/include/avr/io.h', pkg: 'avr-libc' },
  { probe: '/usr/bin/simavr', pkg: 'simavr' },
  { probe: '/usr/include/simavr/sim_avr.h', pkg: 'libsimavr-dev' },
  { probe: '/usr/include/libelf.h', pkg: 'libelf-dev' },
  { probe: '/usr/bin/sox', pkg: 'sox' },
  { probe: '/usr/share/doc/libsox-fmt-all', pkg: 'libsox-fmt-all' },
  { probe: '/usr/bin/ffmpeg', pkg: 'ffmpeg' },
  { probe: '/usr/bin/arecord', pkg: 'alsa-utils' },
  { probe: '/usr/bin/espeak-ng', pkg: 'espeak-ng' },
  { probe: '/usr/bin/fluidsynth', pkg: 'fluidsynth' },
  { probe: '/usr/share/sounds/sf2/FluidR3_GM.sf2', pkg: 'fluid-soundfont-gm' },
  { probe: '/usr/bin/chromium', pkg: 'chromium' },
  { probe: '/usr/bin/curl', pkg: 'curl' },
  { probe: '/usr/bin/systemd-analyze', pkg: 'systemd' },
  { probe: '/usr/bin/pocketsphinx_continuous', pkg: 'pocketsphinx' },
  { probe: '/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict', pkg: 'pocketsphinx-en-us' },
];

function missingPackages() {
  return requiredSystemPackages.filter(({ probe }) => !existsSync(probe)).map(({ pkg }) => pkg);
}

const missing = missingPackages();
if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('which', ['apt-get']).status === 0;
  if (!isRoot || !hasApt) {
    console.error(`The tests need these Debian packages: apt-get install ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`pretest: installing ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], {
      stdio: 'inherit',
      env,
    });
  } catch {
    console.error(
      `pretest: could not install ${missing.join(' ')}; install them with apt-get and run again.`,
    );
    process.exit(1);
  }
  const still = missingPackages();
  if (still.length > 0) {
    console.error(`pretest: still missing after apt-get: ${still.join(' ')}`);
    process.exit(1);
  }
}
