/**
 * Whether a twin's subject or issuer can be read as a distinguished name in display form
 * (`CN=pub, OU=Voice, O=corp`): the simulator issues certificates with exactly that name, so a name it
 * cannot read is a located error here rather than a failure at install. The same grammar as @trustsim/pki
 * `parseDn`: attributes `TYPE=value` separated by unescaped `,` (or `+`), a type of letters, digits and `-`
 * or a dotted OID, backslash escapes.
 */
export function distinguishedNameProblem(text: string): string | undefined {
  if (text.trim() === '') return 'the name is empty';
  let i = 0;
  while (i < text.length) {
    const equals = text.indexOf('=', i);
    if (equals < 0) return `'${text.slice(i).trim()}' has no '='`;
    const type = text.slice(i, equals).trim();
    if (!/^[A-Za-z][A-Za-z0-9-]*$|^\d+(\.\d+)+$/.test(type)) return `'${type}' is not an attribute type`;
    i = equals + 1;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === ',' || c === '+') break;
      if (c === '\\') {
        if (i + 1 >= text.length) return 'it ends with a lone backslash';
        i++;
      }
    }
    i++;
  }
  return undefined;
}
