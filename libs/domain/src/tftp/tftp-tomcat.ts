/** What happens to the node that can change the tomcat certificate its TFTP service offers. */
export type TftpTomcatEvent = 'tomcat-uploaded' | 'tomcat-regenerated' | 'tftp-restarted';

/**
 * The tomcat certificate a node's TFTP service offers (its HTTPS file download), as the fingerprint of a
 * stale one it still holds, or undefined when it offers the node's current tomcat certificate:
 * - TFTP loads the tomcat certificate when it starts; after a CA-signed tomcat upload it "continues to
 *   offer the old cached self-signed tomcat certificate" until the TFTP service is restarted [chapter]
 *   ("Install Intermediate Certificates"), which is why the upload's follow-ups restart TFTP;
 * - a restart of Cisco Tftp loads the current one [chapter];
 * - after a regeneration no source reports a stale certificate, and Table 7 lists no TFTP restart: taken as
 *   refreshing it [uncertain].
 * `offeredBefore` is the stale fingerprint it held (if any), `currentBefore` the node's tomcat certificate
 * before the event.
 */
export function tftpTomcatAfter(event: TftpTomcatEvent, offeredBefore: string | undefined, currentBefore: string): string | undefined {
  return event === 'tomcat-uploaded' ? (offeredBefore ?? currentBefore) : undefined;
}
