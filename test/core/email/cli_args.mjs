// cli_args.mjs — the command-line reading the email test scripts share: `--name value`
// options, bare `--flag`s, and the usage exit (status 2) when a required option is missing.

const argv = process.argv.slice(2);

// The value after `name` on the command line, or `fallback` when `name` is not given.
export const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};

// Whether the bare flag `name` is on the command line.
export const flag = (name) => argv.includes(name);

// `value` when it is set; otherwise prints `usage` to stderr and exits with status 2.
export const required = (value, usage) => {
  if (!value) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  return value;
};
