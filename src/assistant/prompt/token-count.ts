import { createRequire } from 'node:module';

type Encode = (text: string) => number[];
let encode: Encode | null = null;

/**
 * Tokens of a text in cl100k: local models' tokenizers (Llama, Qwen, Mistral) differ, but land within a few
 * tens of percent of it on English and JSON, which is what a budget needs. The tokenizer's tables take
 * ~45 MB, so they load on the first prompt, not when the daemon starts.
 */
export function countTokens(text: string): number {
  encode ??= (createRequire(import.meta.url)('gpt-tokenizer/encoding/cl100k_base') as { encode: Encode })
    .encode;
  return encode(text).length;
}
