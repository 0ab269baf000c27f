Console.WriteLine("serverless");
