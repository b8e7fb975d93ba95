import { expect } from '@open-wc/testing';
import {
  MEMBER_KINDS,
  RINGS,
  SECTORS,
  TIE_DIRECTIONS,
  TIE_QUALITIES,
  TIE_STRENGTHS,
  fidelityTrend,
  isValidNhsNumber,
  parseCaseRecord,
  timeToFirstMeeting,
  type CaseRecord,
} from '@odkit/core';
import { demoCase } from '@odkit/core/demo';
import { generateCase } from '../../../test/fixtures/generate-case.js';

const practitionerRoles = new Set(['facilitator', 'peer-worker']);
const presentPractitioners = (m: CaseRecord['meetings'][number]) =>
  m.attendees.filter((a) => a.present && practitionerRoles.has(a.role)).length;

describe('demo case', () => {
  const record = parseCaseRecord(demoCase);
  const person = record.person;

  it('passes parseCaseRecord unchanged', () => {
    expect(record).to.deep.equal(demoCase);
  });

  it('has a fictional person with a test-range NHS number', () => {
    expect(person.nhsNumber).to.match(/^999\d{7}$/);
    expect(isValidNhsNumber(person.nhsNumber!)).to.equal(true);
    expect(person.birthDate).to.be.a('string');
    expect(person.preferredLanguage).to.equal('en-GB');
  });

  it('covers every sector, kind and ring', () => {
    const members = record.members;
    expect(new Set(members.map((m) => m.sector))).to.have.all.keys(...SECTORS);
    expect(new Set(members.map((m) => m.kind))).to.have.all.keys(...MEMBER_KINDS);
    expect([...new Set(members.map((m) => m.ring))].sort()).to.deep.equal([...RINGS]);
  });

  it('has past, deceased, hidden, initials-only, Welsh-speaking, carer and household members', () => {
    const members = record.members;
    const past = members.filter((m) => m.status === 'past');
    const deceased = members.filter((m) => m.status === 'deceased');
    expect(past).to.have.length(1);
    expect(deceased).to.have.length(1);
    expect(past[0]!.until).to.be.a('string');
    expect(deceased[0]!.until).to.be.a('string');
    expect(members.filter((m) => m.hiddenFrom.includes('network'))).to.have.length(1);
    expect(members.some((m) => /^([A-Z]\.\s?){1,3}$/.test(m.name))).to.equal(true);
    expect(members.some((m) => m.kind === 'person' && m.preferredLanguage === 'cy')).to.equal(true);
    expect(members.some((m) => m.carer)).to.equal(true);
    expect(members.some((m) => m.household)).to.equal(true);
    expect(members.filter((m) => m.critical !== undefined).length).to.be.greaterThan(2);
    expect(members.filter((m) => m.contactFrequency !== undefined).length).to.be.greaterThan(2);
    expect(members.filter((m) => m.knownSince !== undefined).length).to.be.greaterThan(2);
    expect(members.map((m) => m.relationship.code)).to.include.members(['MTH', 'FTH', 'BRO', 'FRND', 'NBOR']);
  });

  it('includes the team and a GP as professionals in services', () => {
    const roles = new Map<string, Set<string>>();
    for (const m of record.meetings) {
      for (const a of m.attendees) roles.set(a.memberId, (roles.get(a.memberId) ?? new Set()).add(a.role));
    }
    const professionals = record.members.filter((m) => m.kind === 'professional');
    expect(professionals.every((m) => m.sector === 'services')).to.equal(true);
    const facilitators = professionals.filter((m) => roles.get(m.id)?.has('facilitator'));
    const peers = professionals.filter((m) => roles.get(m.id)?.has('peer-worker'));
    expect(facilitators.length).to.be.at.least(2);
    expect(peers.length).to.be.at.least(1);
    expect(professionals.some((m) => roles.get(m.id)?.has('network'))).to.equal(true);
  });

  it('has ties of every strength, quality and direction, and some between members', () => {
    const ties = record.ties;
    expect(new Set(ties.map((t) => t.strength))).to.have.all.keys(...TIE_STRENGTHS);
    expect(new Set(ties.map((t) => t.quality))).to.have.all.keys(...TIE_QUALITIES);
    expect(new Set(ties.map((t) => t.direction))).to.have.all.keys(...TIE_DIRECTIONS);
    const betweenMembers = ties.filter((t) => t.from !== person.id);
    expect(betweenMembers.length).to.be.within(3, 4);
    expect(ties.length - betweenMembers.length).to.be.greaterThan(betweenMembers.length);
  });

  it('has one active episode with the first held meeting within 24 hours, at home', () => {
    expect(record.episodes).to.have.length(1);
    expect(record.episodes[0]!.status).to.equal('active');
    const [first] = timeToFirstMeeting(record);
    expect(first!.withinTarget).to.equal(true);
    expect(first!.hours).to.be.within(0, 24);
    expect(record.meetings.find((m) => m.id === first!.firstMeetingId)!.mode).to.equal('home');
  });

  it('has exactly one cancelled and one planned meeting, neither recording presence', () => {
    const cancelled = record.meetings.filter((m) => m.status === 'cancelled');
    const planned = record.meetings.filter((m) => m.status === 'planned');
    expect(cancelled).to.have.length(1);
    expect(planned).to.have.length(1);
    expect(cancelled[0]!.cancellationReason).to.be.a('string');
    for (const m of [...cancelled, ...planned]) {
      expect(m.personPresent).to.equal(false);
      expect(m.reflectingConversation).to.equal(false);
      expect(m.attendees.every((a) => !a.present)).to.equal(true);
    }
    const lastHeld = Math.max(...record.meetings.filter((m) => m.status === 'held').map((m) => Date.parse(m.start)));
    expect(Date.parse(planned[0]!.start)).to.be.greaterThan(lastHeld);
  });

  it('has the meeting variety the timeline and measures need', () => {
    const held = record.meetings.filter((m) => m.status === 'held');
    expect(held.length).to.be.within(12, 16);
    expect(new Set(held.map((m) => m.mode))).to.include.keys('home', 'clinic', 'remote');
    expect(held.every((m) => m.nextMeeting !== undefined)).to.equal(true);
    expect(held.some((m) => m.nextMeeting?.kind === 'open')).to.equal(true);
    expect(held.some((m) => presentPractitioners(m) === 1)).to.equal(true);
    expect(held.some((m) => !m.attendees.some((a) => a.present && a.role === 'peer-worker'))).to.equal(true);
    expect(held.some((m) => m.attendees.some((a) => !a.present && a.role === 'network'))).to.equal(true);
    expect(held.filter((m) => m.reflectingConversation).length).to.be.greaterThan(held.length / 2);
    expect(record.meetings.some((m) => m.start.endsWith('+01:00'))).to.equal(true);
  });

  it('has assessments for the fidelity trend and the inter-rater view', () => {
    const complete = record.assessments.filter((a) => a.status === 'complete');
    const keyElements = complete.filter((a) => a.instrumentId === 'od-key-elements');
    expect(new Set(keyElements.map((a) => a.meetingId)).size).to.be.at.least(3);
    expect(keyElements.some((a) => a.ratings.some((r) => r.value === 'na'))).to.equal(true);
    expect(complete.some((a) => a.instrumentId === 'od-seven-principles')).to.equal(true);
    expect(record.assessments.filter((a) => a.status === 'draft')).to.have.length(1);
    const pair = keyElements.some((a) =>
      keyElements.some((b) => a !== b && a.meetingId === b.meetingId && a.raterRole !== b.raterRole),
    );
    expect(pair).to.equal(true);
    expect(fidelityTrend(record, { instrumentId: 'od-key-elements' }).length).to.be.at.least(3);
  });
});

describe('generateCase', () => {
  it('makes a valid, deterministic case', () => {
    const a = generateCase({ members: 50, meetings: 100, seed: 1 });
    const b = generateCase({ members: 50, meetings: 100, seed: 1 });
    expect(a).to.deep.equal(b);
    expect(() => parseCaseRecord(a)).not.to.throw();
    expect(a.members).to.have.length(50);
    expect(a.meetings).to.have.length(100);
    expect(generateCase({ members: 50, meetings: 100, seed: 2 })).not.to.deep.equal(a);
  });

  it('makes a valid large case', () => {
    const large = generateCase({ members: 1000, meetings: 2000, assessments: 200 });
    const parsed = parseCaseRecord(JSON.parse(JSON.stringify(large)));
    expect(parsed.members).to.have.length(1000);
    expect(parsed.meetings).to.have.length(2000);
    expect(parsed.assessments).to.have.length(200);
  });

  it('copes with tiny inputs', () => {
    for (const options of [
      { members: 0, meetings: 0 },
      { members: 1, meetings: 1 },
      { members: 3, meetings: 5, seed: 7 },
    ]) {
      expect(() => parseCaseRecord(generateCase(options))).not.to.throw();
    }
  });
});
