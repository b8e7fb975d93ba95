import { expect, fixture, html } from '@open-wc/testing';
import { SECTORS, parseCaseRecord } from '@odkit/core';
import { computeLayout, initials, networkView, placeAt, type OdNetworkMap } from '@odkit/network-map';
import '@odkit/network-map/define.js';
import fc from 'fast-check';
import { isoDate, validCaseRecord } from '../../../test/fixtures/arbitraries.js';
import { guardConsole } from '../../../test/support/console-guard.js';
import { allByRole } from '../../../test/support/dom.js';
import { mapPage } from '../../../test/support/map-page.js';

describe('network map layout and view (property-based)', () => {
  guardConsole();

  it('places every member inside its ring band and sector wedge, the same for any input order', () => {
    fc.assert(
      fc.property(validCaseRecord({ maxMembers: 80, maxTies: 20 }), fc.boolean(), (record, sectors) => {
        const layout = computeLayout(record.members, sectors);
        const again = computeLayout([...record.members].reverse(), sectors);
        expect(layout.positions.size).to.equal(record.members.length);
        for (const m of record.members) {
          const p = layout.positions.get(m.id)!;
          expect(Number.isFinite(p.x) && Number.isFinite(p.y), m.id).to.equal(true);
          expect(again.positions.get(m.id)).to.deep.equal(p);
          // Where a member is drawn is where a drop would put them: same ring, same sector.
          const place = placeAt(layout, p);
          expect(place.ring, m.id).to.equal(m.ring);
          if (sectors) expect(place.sector, m.id).to.equal(m.sector);
        }
        expect(layout.rings[0]).to.be.below(layout.rings[1]);
        expect(layout.rings[1]).to.be.below(layout.rings[2]);
      }),
      { numRuns: 60 },
    );
  });

  it('as-of and audience leave out exactly the members (and ties) they should', () => {
    fc.assert(
      fc.property(
        validCaseRecord(),
        fc.option(isoDate(), { nil: undefined }),
        fc.constantFrom(undefined, 'network', 'family'),
        (record, asOf, audience) => {
          const view = networkView(record, { asOf, audience });
          for (const m of record.members) {
            const shown =
              !(audience && m.hiddenFrom.includes(audience)) &&
              !(asOf && ((m.since && m.since > asOf) || (m.until && asOf >= m.until)));
            expect(view.byId.has(m.id), m.id).to.equal(shown);
          }
          for (const { tie } of view.ties) {
            expect(tie.from === record.person.id || view.byId.has(tie.from)).to.equal(true);
            expect(view.byId.has(tie.to)).to.equal(true);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('initials-only never shows a name of two or more words', () => {
    fc.assert(
      fc.property(validCaseRecord(), (record) => {
        const view = networkView(record, { initialsOnly: true });
        for (const m of view.members) {
          expect(m.name).to.equal(initials(m.member.name));
          if (m.member.relationship.text && m.member.relationship.text !== m.member.relationship.code) {
            expect(m.relationship).to.not.equal(m.member.relationship.text);
          }
          if (/\S\s+\S/.test(m.member.name) && m.member.name.length > 8) expect(m.name).to.not.contain(m.member.name);
        }
        expect(view.ties.every((t) => t.label === undefined)).to.equal(true);
      }),
      { numRuns: 60 },
    );
  });

  it('renders any valid record without errors or console output', async () => {
    const samples = fc.sample(validCaseRecord(), { numRuns: 12, seed: 7 });
    for (const record of samples) {
      const el = await fixture<OdNetworkMap>(html`<od-network-map sectors .record=${record}></od-network-map>`);
      expect(allByRole(el, 'alert')).to.have.length(0);
      expect(mapPage(el).nodes()).to.have.length(parseCaseRecord(record).members.length + 1);
    }
    expect(SECTORS).to.have.length(7);
  });
});
