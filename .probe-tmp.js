const { KurrentDBClient } = require('@kurrent/kurrentdb-client');
const target = process.argv[2];
const which = process.argv[3];
(async () => {
  const t0 = Date.now();
  const client = KurrentDBClient.connectionString(target);
  try {
    if (which === 'cap') await client.capabilities;
    else if (which === 'read') { for await (const e of client.readStream('x', { maxCount: 1 })) {} }
    else if (which === 'readall') { for await (const e of client.readAll({ maxCount: 1 })) {} }
    else if (which === 'append') await client.appendToStream('x', [], { deadline: 1500 });
    console.log('ok', Date.now() - t0);
  } catch (e) {
    console.log('ERR', Date.now() - t0, e.constructor.name, e.type, JSON.stringify(e.message).slice(0, 300));
  }
  await client.dispose();
  console.log('disposed', Date.now() - t0);
})();
process.on('exit', () => console.log('exit'));
