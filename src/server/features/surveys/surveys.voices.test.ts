import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fiscalYears } from '../../db/schema';
import { analyzeVoices, type VoiceItem } from '../../domain/voices';
import { maximalVoiceItems } from '../../domain/voices.samples';
import { resolveSession } from '../../platform/auth/sessions';
import type { RequestContext } from '../../platform/context';
import { defaultConfig } from '../../platform/deps';
import { createTestContext, testServiceDeps } from '../../testing/harness';
import { createSurveyVoices, LruCache } from './surveys.voices';

const ctx = await createTestContext();
const db = ctx.database.db;
const admin = await ctx.sessionCookieFor('admin@pref.example.jp');
const nishiaizu = await ctx.sessionCookieFor('dx@nishiaizu.example.jp');
const koriyama = await ctx.sessionCookieFor('dx@koriyama.example.jp');

async function call(method: string, path: string, body?: unknown, cookie = admin) {
  const res = await ctx.request(method, path, { cookie, body });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field
  return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
}

async function adminRequest(): Promise<RequestContext> {
  const token = admin.slice(admin.indexOf('=') + 1);
  const session = await resolveSession(db, token, defaultConfig.sessionPolicy, new Date());
  return {
    actor: session!.actor,
    requestId: 'voices-test',
    locale: 'ja',
    ipAddress: null,
    userAgent: null,
    now: new Date(),
  };
}

const [fy] = await db.select().from(fiscalYears).where(eq(fiscalYears.year, 2024));

/** A survey open now with two long_text questions. */
async function createVoiceSurvey() {
  const res = await call('POST', '/api/surveys', {
    fiscalYearId: fy!.id,
    title: { ja: '自由記述の調査', en: 'Free-text survey' },
    kind: 'post_support',
    audience: 'municipalities',
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    sections: [
      {
        key: 'voices',
        title: { ja: 'ご意見', en: 'Voices' },
        questions: [
          { key: 'challenges', type: 'long_text', label: { ja: '課題', en: 'Challenges' }, required: false },
          { key: 'requests', type: 'long_text', label: { ja: '要望', en: 'Requests' }, required: false },
        ],
      },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  // The builder makes a draft; the prefecture publishes it before anyone answers.
  const published = await call('POST', `/api/surveys/${res.body.id}/publish`, { version: res.body.version });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return published.body as { id: string };
}

async function submit(
  surveyId: string,
  cookie: string,
  answers: Record<string, string>,
  version: number | null,
) {
  const res = await call('POST', `/api/surveys/${surveyId}/response/submit`, { answers, version }, cookie);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { version: number };
}

describe('municipal voices of a survey', () => {
  it('groups the towns’ answers by topic with names, and says nothing was left out', async () => {
    const s = await createVoiceSurvey();
    await submit(s.id, nishiaizu, { challenges: 'RPAのシナリオを作れる職員がいない。', requests: '' }, null);
    await submit(s.id, koriyama, { challenges: 'ＲＰＡのシナリオ作成を支援してほしい。' }, null);
    const res = await call('GET', `/api/surveys/${s.id}/results/voices`);
    expect(res.status).toBe(200);
    expect(res.body.leftOutSentenceCount).toBe(0);
    expect(res.body.topics).toHaveLength(1);
    const [topic] = res.body.topics;
    expect(topic.keywords).toContain('RPA');
    expect(topic.sentenceCount).toBe(2);
    expect([...topic.municipalityNames].sort()).toEqual(['西会津町', '郡山市'].sort());
    expect(
      topic.representativeSentences.map((r: { municipalityName: string }) => r.municipalityName).sort(),
    ).toEqual(['西会津町', '郡山市'].sort());
  });

  it('groups once per survey version and set of submissions; a new or edited submission regroups', async () => {
    const s = await createVoiceSurvey();
    const calls: VoiceItem[][] = [];
    const voices = createSurveyVoices(testServiceDeps(db), {
      analyze: (items) => {
        calls.push([...items]);
        return analyzeVoices(items);
      },
    });
    const request = await adminRequest();
    const first = await submit(s.id, nishiaizu, { challenges: 'テレワーク用の端末が足りない。' }, null);
    const view = await voices.voices(request, s.id);
    expect(await voices.voices(request, s.id)).toEqual(view);
    expect(await voices.voices(request, s.id)).toEqual(view);
    expect(calls).toHaveLength(1);

    // Another town submits: the next view regroups and includes it.
    await submit(s.id, koriyama, { challenges: 'テレワークの規程が未整備で、職員が利用しにくい。' }, null);
    const withKoriyama = await voices.voices(request, s.id);
    expect(calls).toHaveLength(2);
    expect(withKoriyama.topics[0]!.sentenceCount).toBe(2);

    // The first town submits again with other text (its response version changes).
    await submit(
      s.id,
      nishiaizu,
      { challenges: 'テレワーク用の端末とネットワーク環境が整っていない。' },
      first.version,
    );
    const edited = await voices.voices(request, s.id);
    expect(calls).toHaveLength(3);
    expect(calls[2]!.map((i) => i.text)).toContain('テレワーク用の端末とネットワーク環境が整っていない。');
    expect(JSON.stringify(edited)).not.toContain('端末が足りない');
    await voices.voices(request, s.id);
    expect(calls).toHaveLength(3);
  });

  it('answers long free text through the API within the bound, grouping each answer’s first sentences and counting the rest', async () => {
    const s = await createVoiceSurvey();
    // Two towns × two answers × 10,000 characters, submitted through the API.
    const [a, b, c, d] = maximalVoiceItems(2, 2, 10_000).map((i) => i.text);
    await submit(s.id, nishiaizu, { challenges: a!, requests: b! }, null);
    await submit(s.id, koriyama, { challenges: c!, requests: d! }, null);
    const started = performance.now();
    const res = await call('GET', `/api/surveys/${s.id}/results/voices`);
    const firstView = performance.now() - started;
    expect(res.status).toBe(200);
    expect(firstView).toBeLessThan(2_000);
    // 40 sentences of each of the four answers are grouped, the rest counted and said.
    const grouped = res.body.topics.reduce(
      (sum: number, t: { sentenceCount: number }) => sum + t.sentenceCount,
      0,
    );
    expect(grouped).toBe(160);
    expect(res.body.leftOutSentenceCount).toBeGreaterThan(1_000);
    for (const t of res.body.topics) {
      const texts = t.representativeSentences.map((r: { text: string }) => r.text);
      expect(new Set(texts).size).toBe(texts.length);
    }
    const again = await call('GET', `/api/surveys/${s.id}/results/voices`);
    expect(again.body).toEqual(res.body);
  });
});

describe('LruCache', () => {
  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    cache.set('c', 4);
    expect(cache.size).toBe(2);
    expect(cache.get('c')).toBe(4);
  });
});
