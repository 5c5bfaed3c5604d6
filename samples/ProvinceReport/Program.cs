System.Console.WriteLine("ParLedger");
