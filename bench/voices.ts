import { parseArgs } from 'node:util';
import { maximalVoiceItems, sampleVoiceAnswer } from '../src/server/domain/voices.samples';
import type { VoiceItem, VoiceTopic } from '../src/server/domain/voices';

/**
 * `npx tsx bench/voices.ts [--stop-after-ms 20000]`: how long grouping the municipal voices takes,
 * from one long answer up to the largest input a survey allows (59 towns × 3 long_text questions
 * × 10,000 characters). Stops before the next size once a size took longer than
 * `--stop-after-ms`, so an unbounded implementation can be measured too (`--module <path>`).
 */

const { values: args } = parseArgs({
  options: {
    'stop-after-ms': { type: 'string', default: '20000' },
    module: { type: 'string', default: '../src/server/domain/voices.ts' },
    repeats: { type: 'string', default: '3' },
  },
});
const stopAfterMs = Number(args['stop-after-ms']);
const repeats = Number(args.repeats);
const { groupVoices } = (await import(args.module!)) as {
  groupVoices: (items: VoiceItem[]) => VoiceTopic[];
};

const denseSentence = Array.from(
  { length: 45 },
  (_, i) => `項目${String.fromCharCode(0x4e00 + i * 7)}${String.fromCharCode(0x4e00 + i * 11)}`,
).join('・');
const one = (length: number): VoiceItem[] => [
  { id: 'a', municipalityId: 'm-1', text: sampleVoiceAnswer(1, length) },
];
const sizes: { name: string; items: VoiceItem[] }[] = [
  { name: '1 answer × 1,000 chars', items: one(1_000) },
  { name: '1 answer × 3,000 chars', items: one(3_000) },
  { name: '1 answer × 10,000 chars', items: one(10_000) },
  {
    // One run-on sentence (no 。): the case that froze the server in the issue.
    name: '1 answer × 3,000 chars, no 。',
    items: [{ id: 'a', municipalityId: 'm-1', text: sampleVoiceAnswer(2, 3_000).replace(/[。\n]/g, '、') }],
  },
  {
    name: '1 answer × 10,000 chars, no 。',
    items: [{ id: 'a', municipalityId: 'm-1', text: sampleVoiceAnswer(3, 10_000).replace(/[。\n]/g, '、') }],
  },
  { name: '59 towns × 3 × 1,000 chars', items: maximalVoiceItems(59, 3, 1_000) },
  { name: '59 towns × 3 × 10,000 chars (maximal)', items: maximalVoiceItems() },
  {
    // Densest similarity matrix: every sentence shares every word with every other.
    name: '59 towns × 3 × one 45-word sentence',
    items: maximalVoiceItems().map((item) => ({ ...item, text: `${denseSentence}\n`.repeat(60) })),
  },
];

for (const { name, items } of sizes) {
  const times: number[] = [];
  let topics: VoiceTopic[] = [];
  for (let r = 0; r < repeats; r++) {
    const started = performance.now();
    topics = groupVoices(items);
    times.push(performance.now() - started);
    if (times.at(-1)! > stopAfterMs) break;
  }
  const best = Math.min(...times);
  const sentences = topics.reduce((sum, t) => sum + t.sentences.length, 0);
  console.log(
    `${name.padEnd(40)} best ${best.toFixed(0).padStart(7)} ms of ${times.length}` +
      `  ${topics.length} topics, ${sentences} sentences grouped`,
  );
  if (best > stopAfterMs) {
    console.log(`stopped: ${name} took over ${stopAfterMs} ms; larger inputs not measured`);
    break;
  }
}
