// `npm run eval`: the evaluation prompts against a real model when OLLAMA_HOST (with OLLAMA_MODEL) or
// OPENAI_BASE_URL (with OPENAI_MODEL, OPENAI_API_KEY) is set, else against the scripted model. Prints one
// JSON line per prompt and a summary line with the accuracy.
import { evalCases } from './eval-cases.js';
import { realTarget, runEval, scriptedTarget } from './run-eval.js';

const target = realTarget() ?? (await scriptedTarget(evalCases));
try {
  const results = await runEval(evalCases, target);
  for (const result of results) console.log(JSON.stringify(result));
  const passed = results.filter((result) => result.passed).length;
  console.log(
    JSON.stringify({
      eval: 'assistant',
      provider: target.settings.provider,
      model: target.settings.model,
      prompts: results.length,
      passed,
      accuracy: Math.round((passed / results.length) * 1000) / 1000,
    }),
  );
} finally {
  await target.close();
}
