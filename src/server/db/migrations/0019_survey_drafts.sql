ALTER TABLE "surveys" ADD COLUMN "published_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
-- Every survey made before drafts existed was live as soon as its window opened: published when created.
UPDATE "surveys" SET "published_at" = "created_at";
