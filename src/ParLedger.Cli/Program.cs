using ParLedger.Cli;

return await ParLedgerCommand.RunAsync(args, Console.Out, Console.Error);
