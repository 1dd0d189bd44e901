// Whether an agent's model can be reached: its provider has a key (the workspace's own or
// the environment's), from the provider registry.
export { providerConfigured as modelConfigured } from '@/lib/ai/provider/provider-config';
