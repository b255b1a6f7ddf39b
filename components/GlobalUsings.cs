// The pure part of the SDK's implicit usings; System.IO, System.Net.Http and System.Threading(.Tasks) stay out on purpose.
global using System;
global using System.Collections.Generic;
global using System.Linq;
