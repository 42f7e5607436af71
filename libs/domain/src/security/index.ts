// The security feature's public face: what other features and the apps may use.
export * from './key-rotation.service';
