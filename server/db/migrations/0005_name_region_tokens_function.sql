-- Search keys of an entity name together with its jurisdiction: the name's two-character substrings plus
-- '@' + the city (4), district (6) and town (9) prefixes of its region code. One GIN index on these keys
-- answers "name contains 诊所 inside district 329902" by intersecting two posting lists, instead of
-- AND-ing a 145,000-row region bitmap with the name matches. (Schema-qualified: PostgreSQL ≥ 17 runs index
-- expressions with a restricted search_path during maintenance.)
CREATE OR REPLACE FUNCTION wj_name_region_tokens(name text, region text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT public.wj_bigrams(name) || ARRAY['@' || left(region, 4), '@' || left(region, 6), '@' || left(region, 9)] $$;
