import { incidentIdForSubmission, nameBasedUuid, submissionKey } from '../../src/incidents/incidentId';

describe('incident ids derived from submissions', () => {
  it('matches the RFC 9562 version 5 test vector', () => {
    // RFC 9562 appendix A.4: the DNS namespace and "www.example.com".
    expect(nameBasedUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('gives the same id for the same submission and different ids otherwise', () => {
    const a = incidentIdForSubmission(submissionKey('3F8D2A8C-6F1E-4A52-9B7E-1C2D3E4F5A6B', 'sub-1'));
    expect(incidentIdForSubmission(submissionKey('3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b', 'sub-1'))).toBe(a);
    expect(incidentIdForSubmission(submissionKey('3f8d2a8c-6f1e-4a52-9b7e-1c2d3e4f5a6b', 'sub-2'))).not.toBe(a);
    expect(incidentIdForSubmission(submissionKey('8e1c9d44-6a0f-4f4b-b3b5-0a5f1e2d7c90', 'sub-1'))).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
