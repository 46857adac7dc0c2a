-- The staging table is read only by whole-build scans (window, hash joins): no index (it only slows the load), no WAL
-- (a crash loses only an unfinished build, which is marked failed), and byte-order collation for the keys it sorts on.
drop index if exists registry_stage_build;
alter table registry_stage set unlogged;
alter table registry_stage alter column subject_key type text collate "C", alter column item type text collate "C", alter column norm type text collate "C";
