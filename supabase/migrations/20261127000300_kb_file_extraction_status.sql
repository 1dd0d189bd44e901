-- Text extraction from PDF/DOCX runs in the background: each file row says where it
-- stands (pending, done, failed) and, when it failed, why (a reason code the API and
-- the article editor translate). Rows from before were extracted at upload: done.
alter table public.kb_article_files
  add column extraction_status varchar(20) not null default 'done',
  add column extraction_error varchar(50);

alter table public.kb_article_files
  add constraint kb_article_files_extraction_status_check
    check (extraction_status in ('pending', 'done', 'failed')),
  add constraint kb_article_files_extraction_error_check
    check (extraction_error is null
           or extraction_error in ('too_large', 'too_many_pages', 'timeout', 'unreadable'));
