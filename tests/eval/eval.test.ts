import { describe, expect, it } from 'vitest';
import { apply } from '../../src/show/index.js';
import { evalCases } from './eval-cases.js';
import { evalShow } from './eval-show.js';
import { checkExpectations } from './expectation.js';
import { runEval, scriptedTarget } from './run-eval.js';

describe('assistant evaluation set', () => {
  it('has at least 40 distinct performer prompts', () => {
    expect(evalCases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(evalCases.map((evalCase) => evalCase.prompt)).size).toBe(evalCases.length);
  });

  it('passes every prompt end to end with the scripted model (tools, validation, live guard, checks)', async () => {
    const target = await scriptedTarget(evalCases);
    try {
      const results = await runEval(evalCases, target);
      const failed = results.filter((result) => !result.passed);
      expect(failed, JSON.stringify(failed, null, 1)).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('catches wrong changes: the semantic checks fail on a wrong colour, time, prop or an extra change', () => {
    const before = evalShow();
    const applied = (command: unknown) => {
      const result = apply(before, command);
      if (!result.ok) throw new Error(result.error.message);
      return result.show;
    };
    const expectRed = [
      {
        kind: 'covers' as const,
        props: ['ball1'],
        start: 30,
        end: 32,
        look: 'solid' as const,
        color: [255, 0, 0] as [number, number, number],
      },
    ];
    const solid = (color: number[]) => ({ kind: 'solid', color });
    expect(
      checkExpectations(
        expectRed,
        before,
        applied({ type: 'addSegment', propId: 'ball1', start: 30, end: 32, look: solid([255, 0, 0]) }),
      ),
    ).toBeNull();
    expect(
      checkExpectations(
        expectRed,
        before,
        applied({ type: 'addSegment', propId: 'ball1', start: 30, end: 32, look: solid([0, 0, 255]) }),
      ),
    ).toMatch(/expected/);
    expect(
      checkExpectations(
        expectRed,
        before,
        applied({ type: 'addSegment', propId: 'ball1', start: 40, end: 42, look: solid([255, 0, 0]) }),
      ),
    ).toMatch(/no solid/);
    expect(
      checkExpectations(
        expectRed,
        before,
        applied({ type: 'addSegment', propId: 'ball2', start: 30, end: 32, look: solid([255, 0, 0]) }),
      ),
    ).toMatch(/ball1 has no/);
    const extra = applied({
      type: 'batch',
      commands: [
        { type: 'addSegment', propId: 'ball1', start: 30, end: 32, look: solid([255, 0, 0]) },
        { type: 'addSegment', propId: 'ball4', start: 30, end: 32, look: solid([255, 0, 0]) },
      ],
    });
    expect(checkExpectations(expectRed, before, extra)).toMatch(/ball4 changed/);
    expect(checkExpectations([{ kind: 'unchanged' }], before, extra)).toMatch(/changed/);
  });
});
