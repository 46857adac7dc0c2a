import { sql, type Expression, type Insertable, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { escapeLike, type CatalogTables } from './catalog.repository.ts';

export type ProjectionRow = Omit<Insertable<CatalogTables['catalog_search']>, 'quality'> & { quality: string };

export interface SearchFilter {
  q?: string | undefined;
  department?: string | undefined;
  category?: string | undefined;
  shareType?: string | undefined;
  openType?: string | undefined;
  formatClass?: string | undefined;
  updateFrequency?: string | undefined;
  grade?: string | undefined;
  mounted?: boolean | undefined;
}

export type FacetName = 'department' | 'category' | 'shareType' | 'openType' | 'formatClass' | 'updateFrequency' | 'grade' | 'mounted';

const FACET_COLUMN = {
  department: 'department_key',
  category: 'category',
  shareType: 'share_type',
  openType: 'open_type',
  formatClass: 'format_class',
  updateFrequency: 'update_frequency',
  grade: 'grade',
  mounted: 'mounted',
} as const;

/**
 * Word-similarity threshold for typo tolerance. Chinese text has no spaces, so a "word" for pg_trgm is a whole name or
 * data item name; one wrong character in a 5–6 character name keeps about half of the trigrams.
 */
export const WORD_SIMILARITY = 0.4;

/** At most this many words of a query are matched (each must occur: 企业 信用 finds entries holding both). */
const MAX_TERMS = 5;

export interface FacetCount {
  facet: FacetName;
  value: string | null;
  label: string | null;
  n: number;
}

export type SearchRow = Selectable<CatalogTables['catalog_search']> & { score: number; matched_items: string[] };

/** The words of a query, lower-cased like the projection's doc. */
export function queryTerms(q: string | undefined): string[] {
  return [...new Set((q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean))].slice(0, MAX_TERMS);
}

const FACETS = Object.keys(FACET_COLUMN) as FacetName[];
const and = (conds: Expression<SqlBool>[]) => (conds.length ? sql<SqlBool>`(${sql.join(conds, sql` and `)})` : sql<SqlBool>`true`);

/** SQL on the search projection of published entries (catalog_search, catalog_search_items). */
export function createSearchRepository(base: Kysely<unknown>) {
  const db = base.withTables<CatalogTables>();

  /** Facet filters as conditions, by facet. */
  function filters(f: SearchFilter): Map<FacetName, Expression<SqlBool>> {
    const out = new Map<FacetName, Expression<SqlBool>>();
    const values: Record<FacetName, string | boolean | undefined> = {
      department: f.department, category: f.category, shareType: f.shareType, openType: f.openType, formatClass: f.formatClass,
      updateFrequency: f.updateFrequency, grade: f.grade, mounted: f.mounted,
    };
    for (const facet of FACETS) {
      if (values[facet] !== undefined) out.set(facet, sql<SqlBool>`${sql.ref(FACET_COLUMN[facet])} = ${values[facet]}`);
    }
    return out;
  }

  /**
   * Substring match of every word on the lower-cased doc: LIKE, served by the trigram index for words of three or more
   * characters, and by the exact character-bigram index for two-character words (pg_trgm cannot index shorter
   * patterns). A one-character word is a scan.
   */
  const docMatch = (terms: string[]) =>
    and(terms.map((t) => ([...t].length === 2 ? sql<SqlBool>`catalog_bigrams(s.doc) @> array[lower(${t})]` : sql<SqlBool>`s.doc like lower(${`%${escapeLike(t)}%`})`)));
  /** Every word occurs in a (short) text; no index. */
  const containsAll = (column: Expression<unknown>, terms: string[]) => and(terms.map((t) => sql<SqlBool>`lower(${column}) like lower(${`%${escapeLike(t)}%`})`));

  /**
   * The total, the facet counts and one page of entry ids with their score, in one statement. `matches` selects the
   * matching rows with a `score`, computed once and materialized; null means the whole catalog. The matches are
   * grouped once by all facet columns together (g); every count is then a sum over those few groups.
   */
  async function pageAndFacets(matches: Expression<unknown> | null, f: SearchFilter, order: Expression<unknown>, limit: number, offset: number) {
    const active = filters(f);
    const passAll = and([...active.values()]);
    const except = (facet: FacetName) => and([...active].filter(([k]) => k !== facet).map(([, c]) => c));
    const col = (x: FacetName) => sql.ref(FACET_COLUMN[x]);
    const text = (x: FacetName) => (x === 'mounted' ? sql`${col(x)}::text` : col(x));
    const columns = sql.join(FACETS.map(col), sql`, `);
    // Facets without a filter of their own, and the total (the empty grouping set), count the filtered matches.
    const shared = FACETS.filter((x) => !active.has(x));
    const parts: Expression<unknown>[] = [
      sql`select ${shared.length ? sql`case ${sql.join(shared.map((x) => sql`when grouping(${col(x)}) = 0 then ${x}`), sql` `)} else 'total' end` : sql`'total'`} as facet,
          coalesce(${sql.join([...shared.map(text), sql`null`], sql`, `)})::text as value, coalesce(sum(n), 0)::int as n, null::uuid as entry_id, null::float8 as score, null::int as ord
        from g where ${passAll} group by grouping sets (${sql.join([...shared.map((x) => sql`(${col(x)})`), sql`()`], sql`, `)})`,
    ];
    // A facet with a chosen value counts under every other filter, so that its siblings keep their counts.
    for (const x of active.keys()) parts.push(sql`select ${x}, ${text(x)}, sum(n)::int, null, null, null from g where ${except(x)} group by ${col(x)}`);
    if (active.size) parts.push(sql`select 'matched', null, coalesce(sum(n), 0)::int, null, null, null from g`);
    parts.push(sql`select 'page', null, null, entry_id, score, (row_number() over ())::int from (
        select entry_id, ${matches ? sql`score` : sql`0::float8`} as score from ${matches ? sql`m` : sql`catalog_search`} where ${passAll} order by ${order} limit ${limit} offset ${offset}) p`);
    const rows = await sql<{ facet: string; value: string | null; n: number | null; entry_id: string | null; score: number | null; ord: number | null }>`
      with ${matches ? sql`m as materialized (${matches}), ` : sql``}
        g as (select ${columns}, count(*) as n from ${matches ? sql`m` : sql`catalog_search`} group by ${columns})
      ${sql.join(parts, sql` union all `)}`.execute(db);
    const kind = (k: string) => rows.rows.filter((r) => r.facet === k);
    const total = Number(kind('total')[0]?.n ?? 0);
    const facets: FacetCount[] = rows.rows.filter((r) => (FACETS as string[]).includes(r.facet)).map((r) => ({ facet: r.facet as FacetName, value: r.value, label: null, n: Number(r.n) }));
    // Department names for the department facet: one index probe per department, not a column carried by every match.
    const keys = facets.filter((x) => x.facet === 'department' && x.value !== null).map((x) => x.value!);
    if (keys.length) {
      const names = await sql<{ key: string; name: string }>`
        select k.key, (select department_name from catalog_search where department_key = k.key limit 1) as name from unnest(${keys}::text[]) k(key)`.execute(db);
      const byKey = new Map(names.rows.map((r) => [r.key, r.name]));
      for (const x of facets) if (x.facet === 'department' && x.value !== null) x.label = byKey.get(x.value) ?? null;
    }
    return {
      total,
      matched: active.size ? Number(kind('matched')[0]?.n ?? 0) : total,
      facets,
      page: kind('page').sort((x, y) => x.ord! - y.ord!).map((r) => ({ entryId: r.entry_id!, score: Number(r.score) })),
    };
  }

  // What the counts and the page order need of each match (kept narrow: the matches are materialized).
  const matchColumns = (sort: string) => sql`s.entry_id, s.department_key, s.category, s.share_type, s.open_type, s.format_class, s.update_frequency,
    s.grade, s.mounted, s.last_published_at${sort === 'name' ? sql`, s.name` : sql``}`;

  return {
    async upsert(row: ProjectionRow, items: { name: string; code_name: string; authoritative: boolean }[]) {
      await db.deleteFrom('catalog_search').where('entry_id', '=', row.entry_id).execute();
      // The doc is kept in lower case: substring search is then a plain LIKE (see docMatch).
      await db.insertInto('catalog_search').values({ ...row, doc: sql<string>`lower(${row.doc})` }).execute();
      if (items.length) await db.insertInto('catalog_search_items').values(items.map((i) => ({ ...i, entry_id: row.entry_id }))).execute();
    },
    async remove(entryId: string) {
      await db.deleteFrom('catalog_search').where('entry_id', '=', entryId).execute();
    },
    async setMounted(entryId: string, mounted: boolean, qualityScore: number, quality: string) {
      await db.updateTable('catalog_search').set({ mounted, quality_score: qualityScore, quality }).where('entry_id', '=', entryId).execute();
    },
    isPublished: async (entryId: string) => !!(await db.selectFrom('catalog_search').select('entry_id').where('entry_id', '=', entryId).executeTakeFirst()),

    /**
     * One page of published entries with the total and the facet counts. Every word of `q` must occur in the name,
     * summary, keywords or data item names (substring); when no entry has them all, the query is taken as mistyped
     * and matched by trigram word similarity instead. Must run inside a transaction (the threshold is set locally).
     */
    async searchPage(f: SearchFilter, sort: 'relevance' | 'published' | 'name', limit: number, offset: number): Promise<{ rows: SearchRow[]; total: number; facets: FacetCount[] }> {
      // The matches of a broad word (tens of thousands of rows) are sorted and counted in memory, not in temp files.
      await sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true), set_config('work_mem', '64MB', true)`.execute(db);
      const terms = queryTerms(f.q);
      const order = sort === 'name' ? sql`name, entry_id` : sort === 'published' || !terms.length ? sql`last_published_at desc, entry_id` : sql`score desc, last_published_at desc, entry_id`;
      let result;
      let fuzzy = false;
      if (!terms.length) {
        result = await pageAndFacets(null, f, order, limit, offset);
      } else {
        // Relevance: the name holds every word (0.7, up to 1 the more of the name they cover), or another field does (0.2).
        const length = terms.reduce((n, t) => n + [...t].length, 0);
        const score = sql`case when ${containsAll(sql`s.name`, terms)} then 0.7 + 0.3 * least(1, ${length}::float8 / greatest(length(s.name), 1)) else 0.2 end`;
        result = await pageAndFacets(sql`select ${matchColumns(sort)}, ${score}::float8 as score from catalog_search s where ${docMatch(terms)}`, f, order, limit, offset);
        if (result.matched === 0) {
          // No entry holds the words: take the query as mistyped and match it by trigram word similarity over the whole
          // doc (names, keywords, data items, summary). Only as a fallback: the similarity is computed per candidate row
          // and fuzzy matches of a common word would be counted in the thousands.
          fuzzy = true;
          const q = f.q!.trim();
          result = await pageAndFacets(sql`select ${matchColumns(sort)}, (0.2 + 0.3 * word_similarity(${q}, s.name))::float8 as score from catalog_search s where ${q} <% s.doc`, f, order, limit, offset);
        }
      }
      if (!result.page.length) return { rows: [], total: result.total, facets: result.facets };
      const patterns = terms.map((t) => `%${escapeLike(t)}%`);
      const q = f.q?.trim() ?? '';
      const matched = terms.length
        ? sql<string[]>`array(select n from unnest(item_names) n where ${fuzzy ? sql`false` : sql`lower(n) like any(${patterns}::text[])`} or word_similarity(${q}, n) >= ${WORD_SIMILARITY})`
        : sql<string[]>`'{}'::text[]`;
      const found = await sql<Selectable<CatalogTables['catalog_search']> & { matched_items: string[] }>`
        select entry_id, code, name, summary, keywords, department_id, department_name, origin, category, subcategory, share_type, open_type,
               format_class, update_frequency, grade, mounted, version, published_on, last_published_at, item_count, quality_score, ${matched} as matched_items
        from catalog_search where entry_id = any(${result.page.map((p) => p.entryId)}::uuid[])`.execute(db);
      const byId = new Map(found.rows.map((r) => [r.entry_id, r]));
      const rows = result.page.flatMap((p) => (byId.has(p.entryId) ? [{ ...byId.get(p.entryId)!, score: p.score }] : []));
      return { rows, total: result.total, facets: result.facets };
    },

    /** Authoritative data items of other departments' published entries with one of these code names or names. */
    async authoritativeClaims(excludeDepartmentKey: string, codeNames: string[], names: string[]) {
      if (!codeNames.length && !names.length) return [];
      return db
        .selectFrom('catalog_search_items as i')
        .innerJoin('catalog_search as s', 's.entry_id', 'i.entry_id')
        .select(['i.name', 'i.code_name', 's.entry_id', 's.code', 's.name as entry_name', 's.department_name'])
        .where('i.authoritative', '=', true)
        .where('s.department_key', '!=', excludeDepartmentKey)
        .where((eb) => eb.or([...(codeNames.length ? [eb('i.code_name', 'in', codeNames)] : []), ...(names.length ? [eb('i.name', 'in', names)] : [])]))
        .execute();
    },

    /** Other departments' published entries sharing data item names, with the size of the overlap. */
    async overlappingEntries(excludeDepartmentKey: string, names: string[]) {
      if (!names.length) return [];
      return db
        .selectFrom('catalog_search_items as i')
        .innerJoin('catalog_search as s', 's.entry_id', 'i.entry_id')
        .select(['s.entry_id', 's.code', 's.name', 's.department_name', 's.item_count', sql<number>`count(distinct i.name)::int`.as('shared')])
        .where('s.department_key', '!=', excludeDepartmentKey)
        .where('i.name', 'in', names)
        .groupBy(['s.entry_id', 's.code', 's.name', 's.department_name', 's.item_count'])
        .execute();
    },
    /** The distinct data item names of a published entry. */
    async distinctItemNames(entryIds: string[]) {
      if (!entryIds.length) return [];
      return db.selectFrom('catalog_search_items').select(['entry_id', sql<number>`count(distinct name)::int`.as('n')]).where('entry_id', 'in', entryIds).groupBy('entry_id').execute();
    },

    publishedCodes: async (codes: string[]) =>
      codes.length ? (await db.selectFrom('catalog_search').select('code').where('code', 'in', codes).execute()).map((r) => r.code) : [],

    /** Published figures per department (local entries only). */
    departmentFigures: () =>
      db
        .selectFrom('catalog_search')
        .select([
          'department_id',
          sql<number>`count(*)::int`.as('published'),
          sql<number>`coalesce(sum(item_count), 0)::int`.as('items'),
          sql<number>`(count(*) filter (where mounted))::int`.as('mounted'),
          sql<number>`(count(*) filter (where share_type = 'unconditional'))::int`.as('unconditional'),
          sql<number>`(count(*) filter (where share_type = 'conditional'))::int`.as('conditional'),
          sql<number>`(count(*) filter (where share_type = 'none'))::int`.as('none'),
          sql<number>`coalesce(sum(quality_score), 0)::int`.as('quality_sum'),
          sql<number>`avg((quality->>'findability')::numeric)::float8`.as('findability'),
          sql<number>`avg((quality->>'accessibility')::numeric)::float8`.as('accessibility'),
          sql<number>`avg((quality->>'interoperability')::numeric)::float8`.as('interoperability'),
          sql<number>`avg((quality->>'reusability')::numeric)::float8`.as('reusability'),
          sql<number>`avg((quality->>'contextuality')::numeric)::float8`.as('contextuality'),
          sql<string>`min(department_name)`.as('department_name'),
        ])
        .where('origin', '=', 'local')
        .groupBy('department_id')
        .execute(),
  };
}
