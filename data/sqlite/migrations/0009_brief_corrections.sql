-- Issue 17: an issued brief keeps the text it was set from, and a correction names the brief it replaces.
--
-- text is the brief's final text (title, 按语, headings and paragraphs, as the clerk left them), so that it can
-- be printed again as it was issued; NULL for the briefs issued before the text could be edited.
ALTER TABLE brief_register ADD COLUMN text BLOB;

-- replaces is the issued brief this one corrects (更正): its header says "（更正第X期）". A brief is corrected
-- once: a second correction corrects the correction, so that the register reads as one chain per brief.
ALTER TABLE brief_register ADD COLUMN replaces INTEGER REFERENCES brief_register (id);
CREATE UNIQUE INDEX brief_register_replaces ON brief_register (replaces);
