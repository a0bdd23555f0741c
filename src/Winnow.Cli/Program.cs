Console.WriteLine("winnow");
