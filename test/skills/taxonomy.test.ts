import assert from 'node:assert/strict';
import { normaliseText } from '../../server/skills/service.js';
import { PROGRAMMES, SKILLS, VOCATIONS } from '../../server/skills/taxonomy.data.js';

const BLK_VOCATIONS = [
  'welding',
  'automotive',
  'electrical',
  'garment',
  'computer',
  'construction',
  'refrigeration',
  'culinary',
  'barbering',
  'agriculture',
  'fisheries',
  'crafts',
];

describe('skills taxonomy', () => {
  it('when the taxonomy is loaded, then it holds at least 150 skills with unique codes', () => {
    assert.ok(SKILLS.length >= 150, `only ${SKILLS.length} skills`);
    const codes = SKILLS.map((s) => s.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const code of codes) assert.match(code, /^[a-z]+\.[a-z0-9-]+$/, code);
  });

  it('when a skill is read, then its KBJI code has 4 digits and both labels are filled', () => {
    for (const s of SKILLS) {
      assert.match(s.kbji, /^\d{4}$/, s.code);
      assert.ok(s.label.id.trim() && s.label.en.trim(), s.code);
      assert.ok(s.synonyms.length > 0, `${s.code} has no synonyms`);
    }
  });

  it('when a skill names its vocation, then that vocation exists and prefixes the code', () => {
    const vocations = new Set(VOCATIONS.map((v) => v.code));
    assert.equal(vocations.size, VOCATIONS.length);
    for (const s of SKILLS) {
      assert.ok(vocations.has(s.vocation), `${s.code} → ${s.vocation}`);
      assert.ok(s.code.startsWith(`${s.vocation}.`), s.code);
    }
  });

  it('when names are normalised, then no two skills share a label, synonym or code', () => {
    const owner = new Map<string, string>();
    for (const s of SKILLS) {
      const terms = new Set([s.code, s.label.id, s.label.en, ...s.synonyms].map(normaliseText));
      for (const t of terms) {
        const prev = owner.get(t);
        assert.ok(prev === undefined, `"${t}" belongs to both ${prev} and ${s.code}`);
        owner.set(t, s.code);
      }
    }
  });

  it('when a trade word is a vocation synonym, then no skill uses it too', () => {
    const skillTerms = new Set(
      SKILLS.flatMap((s) => [s.label.id, s.label.en, ...s.synonyms]).map(normaliseText),
    );
    for (const v of VOCATIONS) {
      for (const t of [v.code, v.label.id, v.label.en, ...v.synonyms].map(normaliseText)) {
        assert.ok(!skillTerms.has(t), `vocation word "${t}" (${v.code}) is also a skill name`);
      }
    }
  });

  it('when the usual BLK vocations are listed, then each exists and has skills', () => {
    for (const code of BLK_VOCATIONS) {
      assert.ok(
        VOCATIONS.some((v) => v.code === code),
        `vocation ${code} missing`,
      );
      assert.ok(
        SKILLS.filter((s) => s.vocation === code).length >= 5,
        `vocation ${code} has fewer than 5 skills`,
      );
    }
  });

  it('when a programme lists skills, then they exist, belong to its vocation and the codes are unique', () => {
    const byCode = new Map(SKILLS.map((s) => [s.code, s]));
    assert.equal(new Set(PROGRAMMES.map((p) => p.code)).size, PROGRAMMES.length);
    for (const p of PROGRAMMES) {
      assert.ok(p.hours > 0 && Number.isInteger(p.hours), p.code);
      assert.ok(p.skills.length > 0, p.code);
      assert.equal(new Set(p.skills).size, p.skills.length, `${p.code} repeats a skill`);
      for (const code of p.skills) {
        assert.equal(byCode.get(code)?.vocation, p.vocation, `${p.code} → ${code}`);
      }
    }
  });
});
