/** The selector and snapshot hash; defined in the protocol, which the server checks hashes with. */
export { fnv1a } from '../protocol';
