CREATE TABLE "document_counters" (
	"agency_id" uuid NOT NULL,
	"type" varchar(40) NOT NULL,
	"category" varchar(2) NOT NULL,
	"year" smallint NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "document_counters_agency_id_type_category_year_pk" PRIMARY KEY("agency_id","type","category","year")
);
--> statement-breakpoint
CREATE TABLE "document_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"role" varchar(16) NOT NULL,
	"signer_name" varchar(64) NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"content_hash" varchar(64) NOT NULL,
	"refused" boolean DEFAULT false NOT NULL,
	"note" text,
	"image" "bytea",
	"image_sha256" varchar(64)
);
--> statement-breakpoint
CREATE TABLE "document_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"type" varchar(40) NOT NULL,
	"version" integer NOT NULL,
	"file_name" varchar(255) NOT NULL,
	"content" "bytea" NOT NULL,
	"size" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"created_by_name" varchar(64)
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" varchar(12) NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_name" varchar(100) NOT NULL,
	"type" varchar(40) NOT NULL,
	"category" varchar(2) DEFAULT '' NOT NULL,
	"year" smallint NOT NULL,
	"seq" integer NOT NULL,
	"number" varchar(64) NOT NULL,
	"inspection_id" uuid,
	"case_id" uuid,
	"entity_id" uuid,
	"party_name" varchar(200),
	"addressed_to_party" boolean NOT NULL,
	"issued_on" date NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid NOT NULL,
	"issued_by_name" varchar(64) NOT NULL,
	"data" jsonb NOT NULL,
	"content_hash" varchar(64) NOT NULL,
	"template_id" uuid,
	"template_sha256" varchar(64) NOT NULL,
	"docx" "bytea" NOT NULL,
	"docx_size" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"verify_code" varchar(16) NOT NULL,
	"supersedes_id" uuid,
	"correction_reason" text
);
--> statement-breakpoint
CREATE INDEX "document_signatures_document_idx" ON "document_signatures" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "document_templates_version_uq" ON "document_templates" USING btree ("region_code","type","version");--> statement-breakpoint
CREATE INDEX "document_templates_type_idx" ON "document_templates" USING btree ("type","region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_number_uq" ON "documents" USING btree ("agency_id","type","category","year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_verify_code_uq" ON "documents" USING btree ("verify_code");--> statement-breakpoint
CREATE INDEX "documents_region_idx" ON "documents" USING btree ("region_code" text_pattern_ops,"issued_at");--> statement-breakpoint
CREATE INDEX "documents_inspection_idx" ON "documents" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "documents_case_idx" ON "documents" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "documents_entity_idx" ON "documents" USING btree ("entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_supersedes_uq" ON "documents" USING btree ("supersedes_id");