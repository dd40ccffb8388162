import { bulkImportStores } from './bulk-certificates';

describe('Bulk Certificate Management import mapping [SBULK]', () => {
  it('puts CallManager and ITLRecovery into Phone-SAST-trust and CallManager-trust', () => {
    expect(bulkImportStores('CallManager')).toEqual(['Phone-SAST-trust', 'CallManager-trust']);
    expect(bulkImportStores('ITLRecovery')).toEqual(['Phone-SAST-trust', 'CallManager-trust']);
  });

  it('puts tomcat into tomcat-trust and CAPF into CallManager-trust', () => {
    expect(bulkImportStores('tomcat')).toEqual(['tomcat-trust']);
    expect(bulkImportStores('CAPF')).toEqual(['CallManager-trust']);
  });
});
