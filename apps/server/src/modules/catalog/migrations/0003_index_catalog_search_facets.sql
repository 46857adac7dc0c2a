-- Facet counts of the whole catalog (search without a query) read this index alone: an index-only scan once VACUUM
-- has marked the pages all-visible (autovacuum on PostgreSQL; PGlite has none). It also serves the department lookups
-- of the single-column index it replaces. (0002's bigram index serves two-character words; a one-character word
-- remains a scan.)
create index catalog_search_facets on catalog_search (department_key, category, share_type, open_type, format_class, update_frequency, grade, mounted);
drop index catalog_search_department;
