// What other features may use of the policies feature.
export { PoliciesHttpModule } from './policies-http.module';
export { PoliciesModule } from './policies.module';
export { PolicyLauncher } from './policy-launcher';
