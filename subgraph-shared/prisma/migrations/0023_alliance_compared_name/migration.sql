-- Open alliances' names are compared as organizations' are (contract's comparedName: full-width
-- letters, digits and brackets as half-width, spaces ignored) and with every dash as one, so that
-- 磨溪镇—双江镇 毗邻乡镇党建联建, 磨溪镇－双江镇… and 磨溪镇-双江镇… are one name: 0014's index
-- compared names as stored, and an open alliance could take another's name by a space or a dash.
-- Numbered after the contract's 0022_person_version (one sequence of names for both folders).
--
-- linju_alliance_compared_name is the comparison, the one place it is written: the index below,
-- and createAlliance's and updateAlliance's check and lock (requireFreeName), call it.
--   * translate: the full-width ASCII block (U+FF01…U+FF5E) as ASCII, and every character
--     JavaScript's \s matches (which comparedName removes; the ideographic space among them)
--     deleted. Named one by one rather than by a regular expression's \s, which in this store's C
--     locale matches ASCII spaces only.
--   * regexp_replace: each run of dashes as one '-': Unicode's dash punctuation (Pd) but the wave
--     dashes 〜 〰 (a range's mark), with the minus sign; the full-width hyphen is '-' already.
--     The characters are named one by one, so the C locale plays no part.
-- subgraph-shared/test/allianceComparedName.test.ts holds it equal to comparedName with the dashes
-- as one, for every character. A SQL-standard body: parsed once, here, so no search_path reaches it.
CREATE FUNCTION linju_alliance_compared_name(name text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN regexp_replace(
    translate(
      name,
      '！＂＃＄％＆＇（）＊＋，－．／０１２３４５６７８９：；＜＝＞？＠ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ［＼］＾＿｀ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ｛｜｝～'
        || E'\t\n\u000B\f\r \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF',
      '!"#$%&''()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_`abcdefghijklmnopqrstuvwxyz{|}~'
    ),
    E'[-\u058A\u05BE\u1400\u1806\u2010-\u2015\u2212\u2E17\u2E1A\u2E3A\u2E3B\u2E40\u2E5D\u30A0\uFE31\uFE32\uFE58\uFE63\U00010D6E\U00010EAD]+',
    '-',
    'g'
  );

-- A store that already holds open alliances whose names compare as one (written before this rule)
-- keeps the name on the first founded (then the smallest ID); each other is renamed with its ID, as
-- 0014 did, so that the index can be built and clerks can tell them apart (close the one that is a
-- mistake). The seed's names all compare apart.
UPDATE alliance a SET name = a.name || '（' || a.id || '）', version = a.version + 1
FROM (
  SELECT id, row_number() OVER (PARTITION BY linju_alliance_compared_name(name) ORDER BY founded_on, id) AS n
  FROM alliance WHERE closed_on IS NULL
) d
WHERE d.id = a.id AND d.n > 1;

-- 0014's index, by the same name, now on the compared name: one open alliance per compared name
-- holds one per stored name too. An expression index, which schema.prisma cannot describe.
DROP INDEX alliance_open_name_idx;
CREATE UNIQUE INDEX alliance_open_name_idx ON alliance (linju_alliance_compared_name(name)) WHERE closed_on IS NULL;
