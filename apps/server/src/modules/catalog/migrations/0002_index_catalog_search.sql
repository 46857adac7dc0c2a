-- Search at scale (measured by bench/catalog-search.bench.ts on 100,000 published entries):
-- the projection's doc is kept in lower case, so that substring search is a plain LIKE instead of a per-row ILIKE;
-- one- and two-character words, frequent in Chinese queries (人口, 社保, 学籍), are too short for the pg_trgm index
-- and get an index of the doc's character bigrams, which is exact (no row is rechecked).
update catalog_search set doc = lower(doc);

-- Every pair of adjacent characters of a text (GIN drops the duplicates). Expensive per call: used only by the index,
-- whose expression the search repeats so that the planner answers from the index.
create function catalog_bigrams(doc text) returns text[]
  language sql immutable strict parallel safe cost 10000
  as $$ select array(select m[1] from regexp_matches(doc, '(..)', 'g') m union all select m[1] from regexp_matches(substr(doc, 2), '(..)', 'g') m) $$;

create index catalog_search_doc_bigrams on catalog_search using gin (catalog_bigrams(doc));
