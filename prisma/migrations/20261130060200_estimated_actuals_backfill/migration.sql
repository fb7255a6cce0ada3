-- Figures read from a narrative before ProgressActual.estimated existed were all stored as achieved.
-- Mark those the import marks now: lib/targets/actuals.ts flags a figure as an estimate when 预计 or 预估
-- stands in its sentence before the figure's end, in the text normalised by lib/targets/parse.ts
-- (normalizeText: full-width ASCII as ASCII, no spaces next to Chinese characters or punctuation), a
-- sentence ending at 。;!?, their full-width forms or a line break. `source` is the figure's wording
-- as cut from that normalised text. Where the wording occurs in several sentences the row cannot tell
-- which one it came from: it is marked if any of them makes it an estimate, since counting a forecast
-- as achieved is the error this repairs. Figures typed in by a unit have no source and stay as they are.
WITH normalised AS (
  SELECT r.id,
         regexp_replace(
           translate(r.narrative, '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～', '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~'),
           '(?<=[\u4e00-\u9fff，,。、；;：:（）()“”0-9%％])[ \t\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+|[ \t\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+(?=[\u4e00-\u9fff，,。、；;：:（）()“”])',
           '',
           'g'
         ) AS text
  FROM "ProgressReport" r
  WHERE EXISTS (SELECT 1 FROM "ProgressActual" a WHERE a."reportId" = r.id AND a.source IS NOT NULL AND NOT a.estimated)
)
UPDATE "ProgressActual" a
SET estimated = true
FROM normalised n
WHERE a."reportId" = n.id
  AND a.source IS NOT NULL
  AND a.source <> ''
  AND NOT a.estimated
  AND EXISTS (
    SELECT 1
    FROM regexp_split_to_table(n.text, '[。；;!！?？\n]') AS sentence
    WHERE strpos(sentence, a.source) > 0
      -- The sentence up to the end of the wording's last occurrence in it.
      AND left(sentence, length(sentence) - strpos(reverse(sentence), reverse(a.source)) + 1) ~ '预计|预估'
  );
