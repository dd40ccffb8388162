import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { IssuedCertificate } from '@trustsim/pki';
import { SimulationFactory } from '../simulation/simulation-factory';
import { rehearseTo } from './rehearsal';

/** A phone's certificates after a step: its LSC (with the CAPF that issued it) and its MIC. */
export interface PhoneCertificatesResult {
  phone: string;
  lsc?: { certificate: IssuedCertificate; issuer: { cluster: string; node: string; purpose: string; generation: number; certificate: IssuedCertificate } };
  mic?: IssuedCertificate;
}

export class PhoneCertificatesCommand {
  constructor(
    readonly file: string,
    readonly phone: string,
    readonly afterStep?: number,
  ) {}
}

@CommandHandler(PhoneCertificatesCommand)
export class PhoneCertificatesHandler implements ICommandHandler<PhoneCertificatesCommand, PhoneCertificatesResult> {
  constructor(private readonly simulations: SimulationFactory) {}

  async execute(command: PhoneCertificatesCommand): Promise<PhoneCertificatesResult> {
    const simulation = await rehearseTo(command.file, command.afterStep, this.simulations);
    const { lsc, lscIssuer, mic } = simulation.phoneCertificates(command.phone);
    return {
      phone: command.phone,
      ...(lsc && lscIssuer ? { lsc: { certificate: lsc, issuer: { cluster: lscIssuer.cluster, node: lscIssuer.node, purpose: lscIssuer.purpose, generation: lscIssuer.generation, certificate: lscIssuer.certificate } } } : {}),
      ...(mic ? { mic } : {}),
    };
  }
}
