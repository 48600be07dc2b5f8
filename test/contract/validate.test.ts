import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { FollowUpInput, ReportInput, WatchRequest, fieldErrorMessage, fieldLabel, validate } from '../../src/contract/index.js';
import { loadLocale } from '../../src/i18n/index.js';

const valid = () => ({
  classification: 'complaint',
  title: 'Jalan berlubang di Genteng',
  body: 'Jalan di depan pasar Genteng berlubang besar sejak dua minggu lalu.',
  incidentDate: '2026-11-20',
  location: { text: 'Pasar Genteng' },
});

const fieldsOf = (input: unknown, lang = 'id') => {
  const result = validate(ReportInput, input, lang);
  if (result.ok) return {};
  return Object.fromEntries(result.fields.map((f) => [f.path, f]));
};

/** YYYY-MM-DD `days` from today in Asia/Jayapura (the contract's "latest possible date"). */
const jayapuraDate = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jayapura' }).format(new Date(Date.now() + days * 86_400_000));

describe('contract: validate(ReportInput)', () => {
  before(() => loadLocale('en'));

  it('accepts a valid complaint and fills in the defaults', () => {
    const result = validate(ReportInput, valid());
    expect(result.ok).to.equal(true);
    if (result.ok) {
      expect(result.data.attachmentIds).to.deep.equal([]);
      expect(result.data.anonymous).to.equal(false);
      expect(result.data.secret).to.equal(false);
    }
  });

  it('trims text before checking lengths', () => {
    const result = validate(ReportInput, { ...valid(), title: '   Jalan berlubang di Genteng   ' });
    expect(result.ok && result.data.title).to.equal('Jalan berlubang di Genteng');
    expect(fieldsOf({ ...valid(), title: '   pendek      ' }).title!.code).to.equal('too_short');
  });

  it('reports one error per field with dotted paths and contract codes', () => {
    const fields = fieldsOf({
      classification: 'rumor',
      title: 'x'.repeat(151),
      body: '',
      location: { text: 'ab', lat: 91 },
      attachmentIds: ['a', 'b', 'c', 'd', 'e', 'f'],
      reporter: { phone: '12345', email: 'nope' },
    });
    expect(Object.fromEntries(Object.entries(fields).map(([p, f]) => [p, f.code]))).to.deep.equal({
      classification: 'unknown_value',
      title: 'too_long',
      body: 'required',
      'location.text': 'too_short',
      'location.lat': 'too_big',
      attachmentIds: 'too_many',
      'reporter.phone': 'invalid_format',
      'reporter.email': 'invalid_format',
    });
  });

  it('tells a missing field (required) from a wrong type (invalid)', () => {
    const { location, ...noLocation } = valid();
    void location;
    expect(fieldsOf(noLocation).location!.code).to.equal('required');
    expect(fieldsOf({ ...valid(), title: 42 }).title!.code).to.equal('invalid');
    expect(fieldsOf({ ...valid(), anonymous: 'ya' }).anonymous!.code).to.equal('invalid');
  });

  it('messages name the field, in Indonesian by default and in English', () => {
    const input = { ...valid(), title: 'pendek', location: { text: '' } };
    const id = fieldsOf(input);
    expect(id.title!.message).to.equal('Judul laporan terlalu pendek: minimal 10 karakter.');
    expect(id['location.text']!.message).to.equal('Lokasi kejadian wajib diisi.');
    const en = fieldsOf(input, 'en');
    expect(en.title!.message).to.equal('Title is too short: at least 10 characters.');
    expect(en['location.text']!.message).to.equal('Location is required.');
  });

  it('labels nested and indexed paths by their nearest known field', () => {
    expect(fieldLabel('id', 'attachmentIds.5')).to.equal('Lampiran');
    expect(fieldLabel('en', 'reporter.phone')).to.equal('Mobile number');
    expect(fieldLabel('en', 'location.lat')).to.equal('Location');
    expect(fieldLabel('id', 'something.else')).to.equal('Isian');
    expect(fieldErrorMessage('en', 'body', 'not_a_code')).to.equal('Description is not valid.');
  });

  describe('NIK (national ID number) detection', () => {
    it('refuses a 16-digit run in the title or body', () => {
      const fields = fieldsOf({ ...valid(), body: 'Nama saya Budi, NIK 3510123456789012, tinggal di Genteng sejak lama.' });
      expect(fields.body!.code).to.equal('contains_nik');
      expect(fields.body!.message).to.contain('NIK');
      expect(fieldsOf({ ...valid(), title: 'NIK 3510123456789012 hilang' }).title!.code).to.equal('contains_nik');
    });

    it('property: exactly 16 digits is a NIK, 15 or 17 digits are not', () => {
      fc.assert(
        fc.property(fc.integer({ min: 12, max: 20 }), fc.stringMatching(/^[a-z ]{0,20}$/), (n, prefix) => {
          const digits = '3'.repeat(n);
          const body = `${prefix} laporan nomor ${digits} mohon ditindaklanjuti segera oleh dinas`;
          const code = fieldsOf({ ...valid(), body }).body?.code;
          return n === 16 ? code === 'contains_nik' : code === undefined;
        }),
      );
    });

    it('a NIK in the location text is not a publicText check (address numbers are fine)', () => {
      expect(fieldsOf({ ...valid(), location: { text: 'Jl. Raya 1234567890123456' } })['location.text']).to.equal(undefined);
    });
  });

  describe('forbidden characters', () => {
    for (const [name, char] of [
      ['NUL', '\u0000'],
      ['bell', '\u0007'],
      ['DEL', '\u007f'],
      ['C1 control', '\u0085'],
      ['RTL override', '\u202e'],
      ['LTR isolate', '\u2066'],
    ] as const) {
      it(`refuses ${name}`, () => {
        const fields = fieldsOf({ ...valid(), title: `Jalan rusak ${char} di Genteng` }, 'en');
        expect(fields.title!.code).to.equal('invalid_characters');
        expect(fields.title!.message).to.equal('Title contains characters that are not allowed.');
      });
    }

    it('allows newlines, tabs, emoji with zero-width joiners and Indonesian text', () => {
      const body = 'Kronologi:\n\t1. Jalan rusak 👨‍👩‍👧 sejak Senin.\r\n2. Belum ada perbaikan dari dinas terkait.';
      expect(fieldsOf({ ...valid(), body })).to.deep.equal({});
    });
  });

  describe('incidentDate', () => {
    it('is required for a complaint', () => {
      const { incidentDate, ...rest } = valid();
      void incidentDate;
      const fields = fieldsOf(rest);
      expect(fields.incidentDate!.code).to.equal('required');
      expect(fields.incidentDate!.message).to.equal('Tanggal kejadian wajib diisi.');
    });

    it('is optional for an aspiration and an information request', () => {
      const { incidentDate, ...rest } = valid();
      void incidentDate;
      expect(fieldsOf({ ...rest, classification: 'aspiration' })).to.deep.equal({});
      expect(fieldsOf({ ...rest, classification: 'info_request' })).to.deep.equal({});
    });

    it('may not lie in the future (by the easternmost zone’s calendar)', () => {
      expect(fieldsOf({ ...valid(), incidentDate: jayapuraDate(0) })).to.deep.equal({});
      const fields = fieldsOf({ ...valid(), incidentDate: jayapuraDate(2) }, 'en');
      expect(fields.incidentDate!.code).to.equal('in_future');
      expect(fields.incidentDate!.message).to.equal('Date of incident cannot be in the future.');
      // Also for an aspiration, where the date is optional.
      expect(fieldsOf({ ...valid(), classification: 'aspiration', incidentDate: jayapuraDate(3) }).incidentDate!.code).to.equal('in_future');
    });

    it('must be a real calendar date', () => {
      expect(fieldsOf({ ...valid(), incidentDate: '2026-02-30' }).incidentDate!.code).to.equal('invalid_format');
      expect(fieldsOf({ ...valid(), incidentDate: '20-11-2026' }).incidentDate!.code).to.equal('invalid_format');
    });
  });
});

describe('contract: other inputs', () => {
  it('FollowUpInput: reply length and rating range', () => {
    const short = validate(FollowUpInput, { kind: 'reply', message: 'x' });
    expect(!short.ok && short.fields[0]).to.deep.include({ path: 'message', code: 'too_short' });
    const score = validate(FollowUpInput, { kind: 'rating', score: 0 });
    expect(!score.ok && score.fields[0]).to.deep.include({ path: 'score', code: 'too_small' });
    expect(validate(FollowUpInput, { kind: 'rating', score: 4, comment: 'Bagus' }).ok).to.equal(true);
    const kind = validate(FollowUpInput, { kind: 'like' });
    expect(kind.ok).to.equal(false);
  });

  it('WatchRequest: tracking id format and at most 50 reports', () => {
    const bad = validate(WatchRequest, { reports: [{ trackingId: 'LPR-0000-OOOO' }] });
    expect(!bad.ok && bad.fields[0]).to.deep.include({ path: 'reports.0.trackingId', code: 'invalid_format' });
    const many = validate(WatchRequest, { reports: Array.from({ length: 51 }, () => ({ trackingId: 'LPR-7K3M-Q9XD' })) });
    expect(!many.ok && many.fields[0]).to.deep.include({ path: 'reports', code: 'too_many' });
    const none = validate(WatchRequest, { reports: [] });
    expect(!none.ok && none.fields[0]!.code).to.equal('required');
  });
});
