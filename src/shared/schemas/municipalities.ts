import { z } from 'zod';
import { parseMunicipalityCode } from '../municipality-code';

export const municipalityKinds = ['city', 'town', 'village', 'ward'] as const;
export type MunicipalityKind = (typeof municipalityKinds)[number];
export const municipalityKindSchema = z.enum(municipalityKinds);

/** How each kind is written in Japanese lists and imported files. */
export const municipalityKindLabels: Record<MunicipalityKind, { ja: string; en: string }> = {
  city: { ja: '市', en: 'City' },
  town: { ja: '町', en: 'Town' },
  village: { ja: '村', en: 'Village' },
  ward: { ja: '区', en: 'Ward' },
};

export const municipalityCodeSchema = z.string().transform((value, ctx) => {
  const parsed = parseMunicipalityCode(value);
  if (parsed.ok) return parsed.code;
  ctx.addIssue({
    code: 'custom',
    params:
      parsed.reason === 'checkDigit'
        ? {
            ja: '団体コードの検査数字が正しくありません。',
            en: 'The check digit of the municipality code is wrong.',
          }
        : {
            ja: '団体コードは6桁（または検査数字なしの5桁）の数字で入力してください。',
            en: 'Enter the municipality code as 6 digits (or 5 digits without the check digit).',
          },
  });
  return z.NEVER;
});

/** One row of a municipality master list, as imported from CSV or xlsx. */
export const municipalityImportRowSchema = z.object({
  code: municipalityCodeSchema,
  name: z.string().trim().min(1).max(50),
  nameKana: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((v) => /^[\u3041-\u309F\u30A0-\u30FFー・\s]+$/u.test(v), {
      params: {
        ja: '読みはひらがな（またはカタカナ）で入力してください。',
        en: 'Enter the reading in kana.',
      },
    }),
  nameEn: z.string().trim().min(1).max(100),
  kind: municipalityKindSchema,
  area: z.string().trim().min(1).max(50),
  region: z.string().trim().min(1).max(50),
  isEvacuationArea: z.boolean(),
});
export type MunicipalityImportRow = z.infer<typeof municipalityImportRowSchema>;

/**
 * The list is paged: a national-scale tenant has 1,741 municipalities (about 0.7 MB of JSON in
 * one answer). A page holds at most `municipalityPageMax`; pickers that need every
 * municipality read the pages one after another.
 */
export const municipalityPageMax = 500;
export const municipalityListQuerySchema = z.object({
  areaId: z.uuid().optional(),
  regionId: z.uuid().optional(),
  kind: municipalityKindSchema.optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(municipalityPageMax).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

export const municipalitySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameKana: z.string(),
  nameEn: z.string(),
  kind: municipalityKindSchema,
  area: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
  region: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
  isEvacuationArea: z.boolean(),
  population: z.number().int().nullable(),
  populationSource: z.string().nullable(),
  version: z.number().int().min(0).max(2_147_483_647),
});
export type Municipality = z.infer<typeof municipalitySchema>;

export const municipalityPageSchema = z.object({
  items: z.array(municipalitySchema),
  /** Every municipality matching the filters, on all pages. */
  total: z.number().int().min(0),
  limit: z.number().int().min(1),
  offset: z.number().int().min(0),
});
export type MunicipalityPage = z.infer<typeof municipalityPageSchema>;

export const municipalityPatchSchema = z.object({
  version: z.number().int().min(0).max(2_147_483_647).positive(),
  nameEn: z.string().trim().min(1).max(100).optional(),
  population: z.number().int().min(0).max(50_000_000).nullable().optional(),
  populationSource: z.string().trim().max(200).nullable().optional(),
});

export const regionWithAreasSchema = z.object({
  id: z.string(),
  name: z.string(),
  nameEn: z.string(),
  areas: z.array(z.object({ id: z.string(), name: z.string(), nameEn: z.string() })),
});
