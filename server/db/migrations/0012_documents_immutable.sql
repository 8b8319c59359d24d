-- Issued documents and their signatures are immutable (卫生行政执法文书: a corrected document is a new
-- document that references the old one through supersedes_id). The database itself refuses changes, so
-- no code path, however buggy, can alter or remove what was issued.
CREATE OR REPLACE FUNCTION wj_documents_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'issued documents are immutable (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
END;
$$;--> statement-breakpoint
CREATE TRIGGER documents_immutable BEFORE UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION wj_documents_immutable();--> statement-breakpoint
CREATE TRIGGER document_signatures_immutable BEFORE UPDATE OR DELETE ON document_signatures
  FOR EACH ROW EXECUTE FUNCTION wj_documents_immutable();--> statement-breakpoint
-- The .docx files and templates are zip archives already: do not let PostgreSQL try pglz on them.
ALTER TABLE documents ALTER COLUMN docx SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE document_templates ALTER COLUMN content SET STORAGE EXTERNAL;
