export * from './refusal';
export * from './store-catalogue';
export * from './certificate-format';
export * from './upload-rules';
export * from './delete-rules';
export * from './identity-upload-rules';
export * from './tls-peer';
