import assert from 'node:assert/strict';
import { AppError } from '../../server/http/errors.js';
import {
  getSkill,
  isSkillCode,
  listSkills,
  listVocations,
  normaliseText,
  programmesFor,
  resolveSkill,
  resolveSkillRefs,
  skillRefFromText,
  synonymGroups,
  vocationOf,
} from '../../server/skills/service.js';
import { PROGRAMMES, SKILLS } from '../../server/skills/taxonomy.data.js';

/** Runs `fn`, expecting the one 400 AppError that resolveSkillRefs throws, and returns it. */
function catchAppError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError, 'expected an AppError');
    return err;
  }
  assert.fail('expected an error');
}

describe('skills service', () => {
  describe('normaliseText', () => {
    it('when text has case, accents, punctuation and extra spaces, then it is folded to plain words', () => {
      assert.equal(normaliseText('  LAS   listrik '), 'las listrik');
      assert.equal(normaliseText('Las MIG/MAG (GMAW)'), 'las mig mag gmaw');
      assert.equal(normaliseText('Café  Crème—Brûlée!'), 'cafe creme brulee');
      assert.equal(normaliseText("Men's haircutting"), 'mens haircutting');
      assert.equal(normaliseText('welding.smaw-plate-3g'), 'welding smaw plate 3g');
      assert.equal(normaliseText(' ,.; '), '');
    });
  });

  describe('look-ups', () => {
    it('when a code exists, then getSkill, isSkillCode and vocationOf answer for it', () => {
      assert.equal(getSkill('welding.smaw')?.label.id, 'Las Listrik SMAW');
      assert.equal(isSkillCode('welding.smaw'), true);
      assert.equal(vocationOf('garment.overlock'), 'garment');
    });

    it('when a code is unknown or not canonical, then the look-ups answer nothing', () => {
      assert.equal(getSkill('welding.nope'), undefined);
      assert.equal(isSkillCode('Welding.SMAW'), false);
      assert.equal(vocationOf('nope'), undefined);
    });

    it('when vocations are listed, then each carries its skill count and the counts add up', () => {
      const vocations = listVocations();
      assert.equal(vocations.length, 17);
      const welding = vocations.find((v) => v.code === 'welding');
      assert.equal(welding?.skillCount, SKILLS.filter((s) => s.vocation === 'welding').length);
      assert.ok(welding?.synonyms.includes('las'));
      assert.equal(
        vocations.reduce((n, v) => n + v.skillCount, 0),
        SKILLS.length,
      );
    });
  });

  describe('resolveSkill', () => {
    for (const name of ['las listrik', 'SMAW', 'Las Listrik SMAW', 'welding.smaw', '  LAS   listrik ']) {
      it(`when the name is "${name}", then it resolves to welding.smaw`, () => {
        assert.deepEqual(resolveSkill({ name }), { ok: true, code: 'welding.smaw' });
      });
    }

    it('when the English label or a synonym is given, then it resolves to its skill', () => {
      assert.deepEqual(resolveSkill({ name: 'Shielded metal arc welding (SMAW)' }), {
        ok: true,
        code: 'welding.smaw',
      });
      assert.deepEqual(resolveSkill({ name: 'Obras' }), { ok: true, code: 'garment.overlock' });
    });

    it('when a code is given in another case, then it resolves to the canonical code', () => {
      assert.deepEqual(resolveSkill({ code: ' Welding.SMAW ' }), { ok: true, code: 'welding.smaw' });
    });

    it('when a code is unknown, then it is not resolved by name and the closest codes are suggested', () => {
      const result = resolveSkill({ code: 'welding.smaww' });
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.suggestions[0]?.code, 'welding.smaw');
      // A label is not a code.
      assert.equal(resolveSkill({ code: 'las listrik' }).ok, false);
    });

    it('when the name has a typo, then the intended skill is suggested first', () => {
      for (const [typo, expected] of [
        ['las lisrik', 'welding.smaw'],
        ['las listrk', 'welding.smaw'],
        ['excell', 'computer.spreadsheet'],
        ['AC spilt', 'refrigeration.split-ac-service'],
        ['budidaya lel', 'fisheries.catfish'],
      ] as const) {
        const result = resolveSkill({ name: typo });
        assert.equal(result.ok, false, typo);
        if (result.ok) continue;
        assert.equal(result.reason, 'unknown');
        assert.equal(result.suggestions[0]?.code, expected, typo);
        assert.ok(result.suggestions.length <= 5);
      }
    });

    it('when the name is a vocation word, then it is ambiguous and suggests that trade’s skills', () => {
      for (const [word, vocation] of [
        ['las', 'welding'],
        ['Welder', 'welding'],
        ['montir', 'automotive'],
        ['listrik', 'electrical'],
      ] as const) {
        const result = resolveSkill({ name: word });
        assert.equal(result.ok, false, word);
        if (result.ok) continue;
        assert.equal(result.reason, 'ambiguous');
        assert.equal(result.vocation, vocation);
        assert.ok(result.suggestions.length > 0 && result.suggestions.length <= 5);
        assert.ok(result.suggestions.every((s) => s.vocation === vocation));
      }
      const las = resolveSkill({ name: 'las' });
      assert.equal(las.ok ? '' : las.suggestions[0]?.code, 'welding.smaw');
    });

    it('when the name is gibberish, then nothing is suggested', () => {
      assert.deepEqual(resolveSkill({ name: 'xyzzy qwv' }), {
        ok: false,
        reason: 'unknown',
        suggestions: [],
      });
    });
  });

  describe('resolveSkillRefs', () => {
    it('when every reference resolves, then the codes come back in order, duplicates kept', () => {
      const codes = resolveSkillRefs(
        [{ name: 'las listrik' }, { code: 'garment.overlock' }, { name: 'SMAW' }],
        'body.skills',
      );
      assert.deepEqual(codes, ['welding.smaw', 'garment.overlock', 'welding.smaw']);
    });

    it('when some references fail, then one 400 names each failing item with suggestions', () => {
      const err = catchAppError(() =>
        resolveSkillRefs(
          [{ name: 'las listrik' }, { name: 'las lisrik' }, { code: 'welding.nope' }, { name: 'las' }],
          'body.skills',
        ),
      );
      assert.equal(err.status, 400);
      assert.equal(err.code, 'validation_failed');
      const details = err.details ?? [];
      assert.deepEqual(
        details.map((d) => d.path),
        ['body.skills.1.name', 'body.skills.2.code', 'body.skills.3.name'],
      );
      for (const d of details) {
        assert.equal(d.code, 'unknown_skill');
        assert.ok(d.message && d.messageEn);
      }
      const typo = details[0];
      const suggestions = typo?.suggestions as { code: string; label: { id: string; en: string } }[];
      assert.deepEqual(suggestions[0], {
        code: 'welding.smaw',
        label: { id: 'Las Listrik SMAW', en: 'Shielded metal arc welding (SMAW)' },
      });
      assert.match(
        typo?.message ?? '',
        /^Keahlian "las lisrik" tidak dikenal\. Mungkin maksud Anda: Las Listrik SMAW \(welding\.smaw\)/,
      );
      assert.match(typo?.messageEn ?? '', /^Unknown skill "las lisrik"\. Did you mean: /);
      assert.equal(details[2]?.reason, 'ambiguous');
      assert.match(details[2]?.message ?? '', /kejuruan/);
    });

    it('when free text looks like a code, then it is read as a code, else as a name', () => {
      assert.deepEqual(skillRefFromText(' welding.smaw '), { code: 'welding.smaw' });
      assert.deepEqual(skillRefFromText('las listrik'), { name: 'las listrik' });
    });
  });

  describe('listSkills', () => {
    it('when there is no query, then every skill comes back, filtered by vocation if asked', () => {
      assert.equal(listSkills({}).length, SKILLS.length);
      const garment = listSkills({ vocation: 'garment' });
      assert.ok(garment.length > 0);
      assert.ok(garment.every((s) => s.vocation === 'garment'));
      assert.deepEqual(listSkills({ vocation: 'nope' }), []);
      assert.equal(listSkills({ limit: 3 }).length, 3);
    });

    it('when a query matches one skill exactly and others by substring, then the exact one ranks first', () => {
      const codes = listSkills({ q: 'smaw' }).map((s) => s.code);
      assert.deepEqual(codes.slice(0, 2), ['welding.smaw', 'welding.smaw-plate-3g']);
      const kue = listSkills({ q: 'kue' }).map((s) => s.code);
      assert.equal(kue[0], 'culinary.pastry');
    });

    it('when a query is a prefix, then prefix matches rank before substring and shared-word matches', () => {
      const results = listSkills({ q: 'las', limit: 500 });
      const rankOf = (code: string) => results.findIndex((s) => s.code === code);
      assert.equal(results[0]?.code, 'welding.smaw');
      // "las listrik" (prefix) before "k3 las" (word inside) before "plasma" (substring).
      assert.ok(rankOf('welding.smaw') < rankOf('welding.safety'));
      assert.ok(rankOf('welding.safety') < rankOf('welding.plasma-cutting'));
    });

    it('when a query ends on a word boundary, then it beats the same prefix inside a word', () => {
      const codes = listSkills({ q: 'ac' }).map((s) => s.code);
      assert.ok(codes.indexOf('refrigeration.split-ac-service') < codes.indexOf('construction.plastering'));
    });

    it('when a query shares only some words, then better overlap ranks first', () => {
      const codes = listSkills({ q: 'mesin cuci rusak' }).map((s) => s.code);
      assert.equal(codes[0], 'electronics.washing-machine');
    });

    it('when a query names a trade, then that trade’s skills are returned', () => {
      const codes = listSkills({ q: 'montir' }).map((s) => s.code);
      assert.ok(codes.length >= 10);
      assert.ok(codes.every((c) => c.startsWith('automotive.')));
    });

    it('when results are many, then the default limit is 50 and the limit caps at 500', () => {
      assert.equal(listSkills({ q: 'a' }).length, 50);
      assert.equal(listSkills({ q: 'a', limit: 10 }).length, 10);
      assert.ok(listSkills({ q: 'a', limit: 10_000 }).length <= 500);
    });

    it('when the same query runs twice, then the order is the same', () => {
      assert.deepEqual(listSkills({ q: 'servis' }), listSkills({ q: 'servis' }));
    });

    it('when a query matches nothing, then the list is empty', () => {
      assert.deepEqual(listSkills({ q: 'xyzzy' }), []);
    });
  });

  describe('synonymGroups', () => {
    it('when groups are built, then the SMAW group holds its labels and synonyms, normalised', () => {
      const groups = synonymGroups();
      const smaw = groups.find((g) => g.includes('las listrik'));
      assert.ok(smaw);
      assert.ok(smaw.includes('smaw'));
      assert.ok(smaw.includes('las listrik smaw'));
      assert.ok(smaw.includes('shielded metal arc welding smaw'));
    });

    it('when groups are built, then there is one per skill and per vocation, each unique and normalised', () => {
      const groups = synonymGroups();
      assert.ok(groups.length >= SKILLS.length);
      const welding = groups.find((g) => g.includes('welder'));
      assert.ok(welding?.includes('las'));
      for (const g of groups) {
        assert.ok(g.length > 1);
        assert.equal(new Set(g).size, g.length);
        for (const s of g) assert.equal(s, normaliseText(s));
      }
    });
  });

  describe('programmesFor', () => {
    it('when skills are given, then programmes covering more come first, then fewer hours', () => {
      const matches = programmesFor(['welding.smaw', 'welding.joint-preparation', 'welding.safety']);
      assert.equal(matches[0]?.programme.code, 'blk.welding-smaw-basic');
      assert.deepEqual(matches[0]?.covers, ['welding.smaw', 'welding.joint-preparation', 'welding.safety']);
      for (let i = 1; i < matches.length; i++) {
        const a = matches[i - 1];
        const b = matches[i];
        assert.ok(a && b);
        assert.ok(
          a.covers.length > b.covers.length ||
            (a.covers.length === b.covers.length && a.programme.hours <= b.programme.hours),
        );
      }
      // Two programmes cover two of the three; the 160-hour one before the 240-hour one.
      const twos = matches.filter((m) => m.covers.length === 2).map((m) => m.programme.hours);
      assert.deepEqual(
        twos,
        [...twos].sort((x, y) => x - y),
      );
      assert.ok(twos.includes(240));
    });

    it('when a vocation or a limit is given, then only those programmes are returned', () => {
      const codes = ['welding.smaw', 'refrigeration.brazing'];
      assert.ok(
        programmesFor(codes, { vocation: 'refrigeration' }).every(
          (m) => m.programme.vocation === 'refrigeration',
        ),
      );
      assert.equal(programmesFor(codes, { limit: 1 }).length, 1);
    });

    it('when no programme teaches the skills or codes are unknown, then the list is empty', () => {
      const untaught = SKILLS.find((s) => !PROGRAMMES.some((p) => p.skills.includes(s.code)));
      assert.ok(untaught);
      assert.deepEqual(programmesFor([untaught.code, 'nope.nope']), []);
      assert.deepEqual(programmesFor([]), []);
    });
  });
});
