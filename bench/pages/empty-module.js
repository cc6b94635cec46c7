// An ES module that does nothing: the floor of the ES-module cold start (init-module.html).
export const value = 1;
