-- Messages sent before tokens were redacted after sending (issue 12) still hold working links:
-- replace them once, as sendPendingEmails now does for every message it sends or gives up on.
UPDATE "outbox_messages"
SET "text_body" = regexp_replace("text_body", '(^|[^A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])', '\1[link removed after sending]', 'g')
WHERE "status" <> 'pending' AND "text_body" ~ '(^|[^A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])';
