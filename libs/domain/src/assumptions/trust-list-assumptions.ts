import type { AssumptionDefinition } from './assumptions';

/**
 * Readings of what TVS vouches for and what an ITL carries where the sources leave room (issue 14).
 */
export const TRUST_LIST_ASSUMPTIONS = {
  tvsVouchesForCtlSigners: {
    name: 'tvsVouchesForCtlSigners',
    values: [false, true],
    default: false,
    sources:
      'whether TVS vouches for a new CTL\'s signer (SAST) because the CTL it caches lists it. TVS caches the cluster\'s ' +
      'CTL ("CertificateCTLCache") and re-caches it when CTLFile.tlv changes [STOKENLESS logs], but vouching for a signer ' +
      'on the strength of the file it signed would be circular. false: FN70613 — after the upgrade regenerated ' +
      'ITLRecovery and CallManager was regenerated, `utils ctl update CTLFile` leaves secure endpoints unable to validate ' +
      'the new CTL; they need it deleted by hand [SFN]; TVS still vouches for a new signer it knows from the database ' +
      '(a node\'s CallManager: SBD phones "are able to install CTL files when the CallManager certificate on the ' +
      'publisher is updated because they can use TVS" [STOKENLESS]). true: TVS answers with every role the cached CTL ' +
      'gives, as TAC 214231 (15) implies when it restarts TVS after `utils ctl update CTLFile` and resets the phones once ' +
      'after an ITLRecovery regeneration [SREGEN] (§16.2)',
  },
  itlCarriesPhoneSastTrust: {
    name: 'itlCarriesPhoneSastTrust',
    values: [false, true],
    default: false,
    sources:
      'whether a TFTP node\'s ITL also lists the certificates of its Phone-SAST-trust (another cluster\'s CallManager and ' +
      'ITLRecovery for a migration, EMCC or a proxy TFTP). The ITL\'s documented contents are ITLRecovery, the TFTP ' +
      'server\'s own CallManager, every TVS and CAPF [S125DEF] [SREGEN]; Phone-SAST-trust certificates are documented in ' +
      'the CTL (as SAST, after `utils ctl update CTLFile`) [S125CTL] and in what TVS vouches for [SCN]. false: the ' +
      'documented lists; true: the 12.5 guide\'s "If a Unified Communications Manager cluster has more than 39 ' +
      'certificates, then the ITL file size ... exceeds 64 kilobytes" [S125DEF] counts the cluster\'s certificates, read ' +
      'as the ITL listing its Phone-SAST-trust too (as SAST and TFTP, the roles TVS gives them [SCN]) [uncertain]',
  },
} as const satisfies Record<string, AssumptionDefinition>;
