// Performer prompts as they would be said at a show, with the change each should make to the eval show
// (tests/eval/eval-show.ts: balls ball1–ball4, 120 BPM, bars every 2 s, chorus 48–80, verse 2 80–112,
// chorus 2 112–144, outro 144–180). `script` is what a good model answers; it drives the scripted model in CI.
import type { Look, Rgb } from '../../src/show/index.js';
import type { Expectation } from './expectation.js';

export interface ScriptedReply {
  readonly toolCalls?: readonly { readonly name: string; readonly arguments: Record<string, unknown> }[];
  readonly content?: string;
}

export interface EvalCase {
  readonly id: string;
  readonly prompt: string;
  readonly setup?: readonly unknown[];
  readonly playhead?: number;
  readonly playing?: boolean;
  readonly script: ScriptedReply;
  readonly expect: readonly Expectation[];
}

const red: Rgb = [255, 0, 0];
const green: Rgb = [0, 255, 0];
const blue: Rgb = [0, 0, 255];
const white: Rgb = [255, 255, 255];
const black: Rgb = [0, 0, 0];
const yellow: Rgb = [255, 255, 0];
const orange: Rgb = [255, 140, 0];
const purple: Rgb = [128, 0, 128];
const cyan: Rgb = [0, 255, 255];
const pink: Rgb = [255, 105, 180];
const all = ['ball1', 'ball2', 'ball3', 'ball4'];

const solid = (color: Rgb) => ({ kind: 'solid', color });
const add = (propId: string, start: number, end: number, look: unknown) => ({
  name: 'addSegment',
  arguments: { propId, start, end, look },
});
const seg = (propId: string, start: number, end: number, color: Rgb) => ({
  type: 'addSegment',
  propId,
  start,
  end,
  look: solid(color),
});
const effect = (propIds: string[], start: number, end: number, look: Record<string, unknown>) => ({
  name: 'addEffect',
  arguments: { propIds, start, end, effect: look },
});
const covers = (
  props: string[],
  start: number,
  end: number,
  look: Look['kind'],
  color?: Rgb,
): Expectation => ({
  kind: 'covers',
  props,
  start,
  end,
  look,
  ...(color ? { color } : {}),
});

export const evalCases: readonly EvalCase[] = [
  {
    id: 'next-four-beats',
    prompt: 'make ball one red for the next four beats',
    script: { toolCalls: [add('ball1', 30, 32, solid(red))] },
    expect: [covers(['ball1'], 30, 32, 'solid', red)],
  },
  {
    id: 'flash-chorus-beats',
    prompt: 'flash all the balls white on every beat of the next chorus',
    script: {
      toolCalls: [
        {
          name: 'pattern',
          arguments: { propIds: all, start: 48, end: 80, every: 'beat', duration: 0.15, look: solid(white) },
        },
      ],
    },
    expect: [{ kind: 'onGrid', props: all, start: 48, end: 80, every: 'beat', color: white }],
  },
  {
    id: 'off-until-chorus',
    prompt: 'turn ball three off until the chorus',
    setup: [seg('ball3', 20, 60, yellow)],
    script: { toolCalls: [{ name: 'clearRange', arguments: { propIds: ['ball3'], start: 30, end: 48 } }] },
    expect: [{ kind: 'dark', props: ['ball3'], start: 30, end: 48 }],
  },
  {
    id: 'fade-next-bar',
    prompt: 'fade ball two from blue to green over the next bar',
    script: { toolCalls: [add('ball2', 32, 34, { kind: 'fade', from: blue, to: green })] },
    expect: [
      { kind: 'covers', props: ['ball2'], start: 32, end: 34, look: 'fade', fromColor: blue, toColor: green },
    ],
  },
  {
    id: 'outro-rainbow',
    prompt: 'rainbow on every ball during the outro',
    script: { toolCalls: [effect(all, 144, 180, { kind: 'rainbow' })] },
    expect: [covers(all, 144, 180, 'rainbow')],
  },
  {
    id: 'strobe-two-bars',
    prompt: 'strobe ball four at ten hertz for two bars from the next bar',
    script: { toolCalls: [effect(['ball4'], 32, 36, { kind: 'strobe', color: white, rateHz: 10 })] },
    expect: [covers(['ball4'], 32, 36, 'strobe', white)],
  },
  {
    id: 'pulse-verse-two',
    prompt: 'pulse all balls red on the beat through the second verse',
    script: { toolCalls: [effect(all, 80, 112, { kind: 'pulse', color: red })] },
    expect: [covers(all, 80, 112, 'pulse', red)],
  },
  {
    id: 'dim-blue-background',
    prompt: "set ball one's background colour to a dim blue",
    script: { toolCalls: [{ name: 'setDefaultColor', arguments: { propId: 'ball1', color: [0, 0, 70] } }] },
    expect: [{ kind: 'defaultColor', prop: 'ball1', color: [0, 0, 60] }],
  },
  {
    id: 'clear-intro',
    prompt: 'clear everything in the intro',
    setup: [seg('ball1', 2, 6, red), seg('ball2', 4, 8, green)],
    script: { toolCalls: [{ name: 'clearRange', arguments: { start: 0, end: 16 } }] },
    expect: [{ kind: 'dark', props: all, start: 0, end: 16 }],
  },
  {
    id: 'alternate-yellow-chorus',
    prompt: 'alternate balls one and two in yellow on each beat of the chorus',
    script: {
      toolCalls: [
        {
          name: 'pattern',
          arguments: {
            propIds: ['ball1', 'ball2'],
            start: 48,
            end: 80,
            every: 'beat',
            duration: 0.25,
            alternate: true,
            look: solid(yellow),
          },
        },
      ],
    },
    expect: [
      {
        kind: 'onGrid',
        props: ['ball1', 'ball2'],
        start: 48,
        end: 80,
        every: 'beat',
        color: yellow,
        alternate: true,
      },
    ],
  },
  {
    id: 'copy-chorus-to-ball-three',
    prompt: "copy ball one's chorus onto ball three",
    setup: [seg('ball1', 48, 56, green), seg('ball1', 56, 64, blue)],
    script: {
      toolCalls: [
        { name: 'copyRange', arguments: { fromPropId: 'ball1', start: 48, end: 80, toPropIds: ['ball3'] } },
      ],
    },
    expect: [covers(['ball3'], 48, 56, 'solid', green), covers(['ball3'], 56, 64, 'solid', blue)],
  },
  {
    id: 'sparkle-green',
    prompt: 'sparkle green on ball two from sixty to seventy seconds',
    script: { toolCalls: [effect(['ball2'], 60, 70, { kind: 'sparkle', color: green })] },
    expect: [covers(['ball2'], 60, 70, 'sparkle', green)],
  },
  {
    id: 'chase-verse',
    prompt: 'chase white around ball three for the whole first verse',
    script: { toolCalls: [effect(['ball3'], 16, 48, { kind: 'chase', color: white })] },
    expect: [covers(['ball3'], 16, 48, 'chase', white)],
  },
  {
    id: 'question-tempo',
    prompt: "what's the tempo of this song?",
    script: { content: 'It is 120 BPM, a bar every two seconds.' },
    expect: [{ kind: 'unchanged' }],
  },
  {
    id: 'unknown-prop',
    prompt: 'make ball nine purple',
    script: { content: 'There is no ball nine: the show has balls one to four.' },
    expect: [{ kind: 'unchanged' }],
  },
  {
    id: 'shift-chorus',
    prompt: 'shift everything in the chorus half a second later',
    setup: [seg('ball1', 48, 56, green)],
    script: { toolCalls: [{ name: 'shift', arguments: { start: 48, end: 80, by: 0.5 } }] },
    expect: [{ kind: 'moved', prop: 'ball1', from: 48, to: 48.5 }],
  },
  {
    id: 'delete-red',
    prompt: 'delete the red bit on ball one',
    setup: [seg('ball1', 10, 14, red)],
    script: { toolCalls: [{ name: 'deleteSegment', arguments: { propId: 'ball1', segmentId: 's1' } }] },
    expect: [{ kind: 'dark', props: ['ball1'], start: 10, end: 14 }],
  },
  {
    id: 'move-blue',
    prompt: "move ball two's blue part to start at a hundred seconds",
    setup: [seg('ball2', 20, 24, blue)],
    script: {
      toolCalls: [{ name: 'moveSegment', arguments: { propId: 'ball2', segmentId: 's1', start: 100 } }],
    },
    expect: [{ kind: 'moved', prop: 'ball2', from: 20, to: 100 }],
  },
  {
    id: 'orange-four-bars',
    prompt: 'make the first four bars of the chorus orange on all balls',
    script: { toolCalls: all.map((propId) => add(propId, 48, 56, solid(orange))) },
    expect: [covers(all, 48, 56, 'solid', orange)],
  },
  {
    id: 'blue-last-bars',
    prompt: 'blue on balls one and three for the last eight bars of the song',
    script: { toolCalls: ['ball1', 'ball3'].map((propId) => add(propId, 164, 180, solid(blue))) },
    expect: [covers(['ball1', 'ball3'], 164, 180, 'solid', blue)],
  },
  {
    id: 'outro-bars-red',
    prompt: 'every bar of the outro, flash ball four red',
    script: {
      toolCalls: [
        {
          name: 'pattern',
          arguments: {
            propIds: ['ball4'],
            start: 144,
            end: 180,
            every: 'bar',
            duration: 0.25,
            look: solid(red),
          },
        },
      ],
    },
    expect: [{ kind: 'onGrid', props: ['ball4'], start: 144, end: 180, every: 'bar', color: red }],
  },
  {
    id: 'fade-out-end',
    prompt: 'fade all balls out to black over the last four bars',
    script: {
      toolCalls: all.map((propId) => add(propId, 172, 180, { kind: 'fade', from: white, to: black })),
    },
    expect: [{ kind: 'covers', props: all, start: 172, end: 180, look: 'fade', toColor: black }],
  },
  {
    id: 'green-at-ninety',
    prompt: 'green for two seconds on ball two at one thirty',
    script: { toolCalls: [add('ball2', 90, 92, solid(green))] },
    expect: [covers(['ball2'], 90, 92, 'solid', green)],
  },
  {
    id: 'purple-two-minutes',
    prompt: 'purple on all balls from two minutes to two ten',
    script: { toolCalls: all.map((propId) => add(propId, 120, 130, solid(purple))) },
    expect: [covers(all, 120, 130, 'solid', purple)],
  },
  {
    id: 'cyan-chorus-two',
    prompt: 'make ball three cyan during the second chorus',
    script: { toolCalls: [add('ball3', 112, 144, solid(cyan))] },
    expect: [covers(['ball3'], 112, 144, 'solid', cyan)],
  },
  {
    id: 'pink-next-bar',
    prompt: 'ball four pink for the next bar',
    script: { toolCalls: [add('ball4', 32, 34, solid(pink))] },
    expect: [covers(['ball4'], 32, 34, 'solid', pink)],
  },
  {
    id: 'strobe-last-bar-chorus',
    prompt: 'strobe everything white for the last bar of the first chorus',
    script: { toolCalls: [effect(all, 78, 80, { kind: 'strobe', color: white, rateHz: 12 })] },
    expect: [covers(all, 78, 80, 'strobe', white)],
  },
  {
    id: 'whole-song-rainbow',
    prompt: 'put a slow rainbow on ball one for the whole song',
    script: { toolCalls: [add('ball1', 0, 180, { kind: 'rainbow', period: 8 })] },
    expect: [covers(['ball1'], 0, 180, 'rainbow')],
  },
  {
    id: 'alternate-white-three-four',
    prompt: 'flash balls three and four alternately in white on every beat from sixty to sixty four seconds',
    script: {
      toolCalls: [
        {
          name: 'pattern',
          arguments: {
            propIds: ['ball3', 'ball4'],
            start: 60,
            end: 64,
            every: 'beat',
            duration: 0.2,
            alternate: true,
            look: solid(white),
          },
        },
      ],
    },
    expect: [
      {
        kind: 'onGrid',
        props: ['ball3', 'ball4'],
        start: 60,
        end: 64,
        every: 'beat',
        color: white,
        alternate: true,
      },
    ],
  },
  {
    id: 'two-colours-two-balls',
    prompt: 'ball two yellow and ball three orange from forty to forty four seconds',
    script: { toolCalls: [add('ball2', 40, 44, solid(yellow)), add('ball3', 40, 44, solid(orange))] },
    expect: [covers(['ball2'], 40, 44, 'solid', yellow), covers(['ball3'], 40, 44, 'solid', orange)],
  },
  {
    id: 'deep-red-verse',
    prompt: 'dim ball one to a deep red for the first verse',
    script: { toolCalls: [add('ball1', 16, 48, solid([130, 0, 0]))] },
    expect: [covers(['ball1'], 16, 48, 'solid', [120, 0, 0])],
  },
  {
    id: 'pulse-bars-blue',
    prompt: 'pulse balls one and two in blue on every bar of the chorus',
    script: { toolCalls: [effect(['ball1', 'ball2'], 48, 80, { kind: 'pulse', color: blue, every: 'bar' })] },
    expect: [covers(['ball1', 'ball2'], 48, 80, 'pulse', blue)],
  },
  {
    id: 'clear-ball-four',
    prompt: 'clear ball four between a hundred and a hundred and ten seconds',
    setup: [seg('ball4', 90, 120, green)],
    script: { toolCalls: [{ name: 'clearRange', arguments: { propIds: ['ball4'], start: 100, end: 110 } }] },
    expect: [{ kind: 'dark', props: ['ball4'], start: 100, end: 110 }],
  },
  {
    id: 'copy-to-second-chorus',
    prompt: 'copy the first chorus of ball one to the second chorus',
    setup: [seg('ball1', 48, 56, green)],
    script: {
      toolCalls: [
        { name: 'copyRange', arguments: { fromPropId: 'ball1', start: 48, end: 80, toStart: 112 } },
      ],
    },
    expect: [covers(['ball1'], 112, 120, 'solid', green)],
  },
  {
    id: 'lyric-tight',
    prompt: "make ball two white when the word 'tight' is sung",
    script: { toolCalls: [add('ball2', 51.2, 52, solid(white))] },
    expect: [covers(['ball2'], 51.2, 52, 'solid', white)],
  },
  {
    id: 'sparkle-chorus-two-start',
    prompt: 'sparkle white on all balls for the first two bars of chorus two',
    script: { toolCalls: [effect(all, 112, 116, { kind: 'sparkle', color: white })] },
    expect: [covers(all, 112, 116, 'sparkle', white)],
  },
  {
    id: 'red-now-playing',
    prompt: 'turn everything red now for two bars',
    playing: true,
    playhead: 60.02,
    script: { toolCalls: all.map((propId) => add(propId, 60, 64, solid(red))) },
    expect: [covers(all, 60.5, 64, 'solid', red)],
  },
  {
    id: 'green-one-beat-now',
    prompt: 'flash ball one green right now for one beat',
    playing: true,
    playhead: 70.02,
    script: { toolCalls: [add('ball1', 70, 70.5, solid(green))] },
    expect: [covers(['ball1'], 70.5, 71, 'solid', green)],
  },
  {
    id: 'chase-rest-of-section',
    prompt: 'chase blue on ball two for the rest of this section',
    playing: true,
    playhead: 100,
    script: { toolCalls: [effect(['ball2'], 100, 112, { kind: 'chase', color: blue })] },
    expect: [covers(['ball2'], 100.5, 112, 'chase', blue)],
  },
  {
    id: 'rainbow-next-eight-bars',
    prompt: 'rainbow on balls three and four for the next eight bars',
    script: { toolCalls: [effect(['ball3', 'ball4'], 32, 48, { kind: 'rainbow' })] },
    expect: [covers(['ball3', 'ball4'], 32, 48, 'rainbow')],
  },
  {
    id: 'soft-white-defaults',
    prompt: "set every ball's default colour to a soft white",
    script: {
      toolCalls: all.map((propId) => ({
        name: 'setDefaultColor',
        arguments: { propId, color: [90, 90, 90] },
      })),
    },
    expect: all.map((prop) => ({ kind: 'defaultColor' as const, prop, color: [80, 80, 80] as Rgb })),
  },
  {
    id: 'no-bridge',
    prompt: 'make ball three strobe red during the bridge',
    script: {
      content: 'This song has no bridge: its sections are intro, verse, chorus, verse 2, chorus 2 and outro.',
    },
    expect: [{ kind: 'unchanged' }],
  },
];
