-- Two-character substrings of a text, for GIN indexes that serve two-character substring searches (pg_trgm
-- extracts no trigram from a pattern like '%诊所%'). IMMUTABLE so it can back an expression index.
-- Duplicates are kept: GIN stores each key once per row anyway. (plpgsql: 2.5× faster than an SQL aggregate.)
CREATE OR REPLACE FUNCTION wj_bigrams(s text) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
DECLARE
  r text[] := '{}';
BEGIN
  FOR i IN 1 .. char_length(s) - 1 LOOP
    r := r || substr(s, i, 2);
  END LOOP;
  RETURN r;
END
$$;
