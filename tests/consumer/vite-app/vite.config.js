// Relative asset URLs: the built app is served from a sub-path of the sandbox's CRM origin.
export default { base: './', logLevel: 'error', build: { target: 'es2022' } };
