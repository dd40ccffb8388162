import { unreachable } from '../core/event';
import type { ConfigFilePort, TrustFileDigest, TrustFilePort } from '../core/ports';
import type { NodeState } from '../node/node-state';
import { configFileId } from '../world/cluster-view';
import type { World } from '../world/world';
import { planItl } from './itl-build';
import { defaultTrustFileDigest } from './trust-file-digest';
import type { ItlSigningMode } from './itl-plan';
import type { TftpEvent } from './tftp-events';
import { configKey, type TftpState } from './tftp-state';
import { tftpTomcatAfter } from './tftp-tomcat';

export type TftpCommand =
  /** Build and sign the ITL (at start, when its content changes, at a restart, after `utils itl reset`); `mode` changes how it signs. */
  | { kind: 'build-itl'; cause: string; mode?: ItlSigningMode; certificateUpdate?: string }
  /** A phone asks for its configuration file: built and signed unless the node already has it signed by its current key. */
  | { kind: 'build-config'; configFor: string; group: string; content: string }
  /** A CA-signed tomcat certificate replaced `previous`: TFTP keeps offering its cached copy until it restarts [chapter]. */
  | { kind: 'tomcat-uploaded'; previous: string; current: string }
  /** Cisco Tftp loads the node's current tomcat certificate (a restart, a reboot, a regeneration). */
  | { kind: 'tomcat-reloaded'; current: string; cause: string };

export interface TftpContext {
  readonly world: World;
  readonly cluster: string;
  readonly node: NodeState;
  readonly trustFiles: TrustFilePort;
  readonly configs: ConfigFilePort;
  /** The signature digest of trust files (default: the release's, trust-file-digest.ts). */
  readonly digest?: TrustFileDigest;
}

/** The TFTP decider: what one TFTP node builds, signs and offers. */
export function decideTftp(state: TftpState, command: TftpCommand, ctx: TftpContext): TftpEvent[] {
  switch (command.kind) {
    case 'build-itl':
      return buildItl(state, command, ctx);
    case 'build-config': {
      const cm = ctx.node.identities.CallManager;
      const current = state.configs[configKey(command.configFor, command.group)];
      const file = configFileId(command.content, cm.fingerprint);
      if (current?.file === file) return [];
      const signed = ctx.configs.sign(command.content, { fingerprint: cm.fingerprint, key: cm.key });
      return [{ type: 'ConfigFileBuilt', data: { configFor: command.configFor, group: command.group, content: command.content, signature: signed.signature, signer: cm.fingerprint, file } }];
    }
    case 'tomcat-uploaded': {
      const offered = tftpTomcatAfter('tomcat-uploaded', state.staleTomcat, command.previous)!;
      return [{ type: 'TftpOffersCachedTomcatCertificate', data: { offered, current: command.current, fix: `restart Cisco Tftp on ${ctx.node.name}: until then TFTP offers the old cached tomcat certificate [chapter]` } }];
    }
    case 'tomcat-reloaded':
      return state.staleTomcat ? [{ type: 'TftpTomcatCertificateReloaded', data: { offered: command.current, was: state.staleTomcat, cause: command.cause } }] : [];
    default:
      return unreachable(command, 'TFTP command');
  }
}

/** Builds and signs the node's ITL (itl-build.ts), recorded with its bytes. */
function buildItl(state: TftpState, command: Extract<TftpCommand, { kind: 'build-itl' }>, ctx: TftpContext): TftpEvent[] {
  const mode = command.mode ?? state.mode;
  const { records, signer } = planItl(ctx.world, ctx.cluster, ctx.node, mode);
  const file = ctx.trustFiles.sign({ fileName: 'ITLFile.tlv', timestamp: Math.floor(ctx.world.now / 1000), digest: ctx.digest ?? defaultTrustFileDigest(ctx.world.release(ctx.cluster)), records, signer });
  return [
    {
      type: 'ItlResigned',
      data: {
        cluster: ctx.cluster,
        node: ctx.node.name,
        fileName: 'ITLFile.tlv',
        file: file.id,
        size: Buffer.from(file.bytes, 'base64').length,
        signer: signer.ref,
        mode,
        cause: command.cause,
        ...(command.certificateUpdate ? { certificateUpdate: command.certificateUpdate } : {}),
        bytes: file.bytes,
      },
    },
  ];
}
