/** A municipality as other features read it from the master: its kind, population band and region. */
export interface MunicipalityFacts {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  /** 'city' | 'town' | 'village' | 'ward' */
  kind: string;
  population: number | null;
  /** The band of domain/crosstab.ts populationBand (e.g. 'under_10k'). */
  populationBand: string;
  region: { id: string; name: string; nameEn: string };
}

/** A tenant as a public page names it. */
export interface PublicPrefecture {
  id: string;
  code: string;
  name: string;
  nameEn: string;
}

/**
 * What other features read of the municipality master. Without a request: public pages (no
 * actor) read the master of the prefecture they show, so these take the prefecture id.
 */
export interface MunicipalityMasterReadPort {
  municipalitiesOf(prefectureId: string): Promise<MunicipalityFacts[]>;
  /** The prefecture a public page shows: by its two-digit code, by id, or the first one when neither is given. */
  publicPrefecture(select: {
    code?: string | undefined;
    id?: string | undefined;
  }): Promise<PublicPrefecture | null>;
}
