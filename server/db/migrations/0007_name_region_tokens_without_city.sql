-- The city key ('@' + 4 digits) matches every row of a city and is never looked up (a city-wide search uses
-- the bigrams alone); keep only the district and town keys, and rebuild the index on the new keys.
CREATE OR REPLACE FUNCTION wj_name_region_tokens(name text, region text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT public.wj_bigrams(name) || ARRAY['@' || left(region, 6), '@' || left(region, 9)] $$;
--> statement-breakpoint
REINDEX INDEX entities_name_region_tokens;
